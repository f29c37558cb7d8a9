"""Speaker matching: folded names, surnames, titles, descriptions, ambiguity."""

from __future__ import annotations

from annotator.analysis.speakers import Person, SpeakerMatcher, looks_like_name, name_key


def test_arabic_letter_variants_are_one_name() -> None:
    assert name_key("مريم") == name_key("مریم")
    assert name_key("كاظم جلالي") == name_key("کاظم جلالی")
    matcher = SpeakerMatcher([Person("id-1", "مریم احمدی")])
    found = matcher.resolve_name("مريم احمدي")
    assert found is not None and found.id == "id-1"


def test_zwnj_and_space_are_one_separator() -> None:
    assert name_key("علی‌اکبر صالحی") == name_key("علی اکبر صالحی")


def test_a_later_bare_surname_resolves_to_the_full_name() -> None:
    matcher = SpeakerMatcher([Person("k", "کاظم جلالی"), Person("m", "جان میلر")])
    assert matcher.resolve_name("جلالی") == Person("k", "کاظم جلالی")
    assert matcher.resolve_name("میلر") == Person("m", "جان میلر")
    assert matcher.resolve_name("کاظم") is None  # first names are not aliases


def test_titles_are_ignored() -> None:
    matcher = SpeakerMatcher([Person("k", "کاظم جلالی"), Person("a", "مریم احمدی")])
    for written in ("آقای جلالی", "دکتر کاظم جلالی", "آقای دکتر جلالی"):
        assert matcher.resolve_name(written) == Person("k", "کاظم جلالی"), written
    assert matcher.resolve_name("خانم احمدی") == Person("a", "مریم احمدی")
    assert name_key("حجت‌الاسلام محمد رضایی") == name_key("محمد رضایی")
    assert name_key("آقای") == ""


def test_aliases_match_and_a_shared_surname_is_ambiguous() -> None:
    matcher = SpeakerMatcher([Person("1", "علی رضایی", aliases=("رضایی بزرگ",)),
                              Person("2", "حسن رضایی")])
    assert matcher.resolve_name("رضایی") is None
    assert matcher.resolve_name("رضایی بزرگ") == matcher.people[0]
    assert matcher.resolve_name("حسن رضایی") == matcher.people[1]


def test_descriptions_resolve_through_the_affiliation() -> None:
    jalali = Person("k", "کاظم جلالی", affiliation="سفیر جمهوری اسلامی ایران در روسیه")
    matcher = SpeakerMatcher([jalali, Person("m", "جان میلر", affiliation="مستندساز شبکه")])
    assert matcher.resolve("سفیر ایران در روسیه") == jalali
    assert matcher.resolve("این سفیر") == jalali
    assert matcher.resolve("ایران") is None  # not headed by a role noun
    assert matcher.resolve("سفیر فرانسه") is None


def test_adding_the_same_name_twice_keeps_one_person() -> None:
    matcher = SpeakerMatcher()
    first = matcher.add(Person("", "مريم احمدی"))
    assert matcher.add(Person("", "دکتر مریم احمدی")) is first
    assert len(matcher.people) == 1


def test_what_looks_like_a_name() -> None:
    assert looks_like_name("رضا کریمی")
    assert not looks_like_name("در این گفت‌وگو")
    assert not looks_like_name("وی")
    assert not looks_like_name("سال ۲۰۲۵")
