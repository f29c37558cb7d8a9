<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa">
<context>
    <name>AdjudicationDialog</name>
    <message>
        <location filename="../../annotator/ui/adjudication.py" line="+92"/>
        <source>Adjudicate</source>
        <translation>داوری</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Document:</source>
        <translation>سند:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Analysts to compare</source>
        <translation>تحلیلگرانی که مقایسه می‌شوند</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>N / P: next / previous disagreement · 1–9: take that analyst&apos;s version into gold · A: accept every agreed mark · E: edit in the main window · Ctrl+Z: undo</source>
        <translation>N / P: ناهمخوانی بعدی / قبلی · ۱ تا ۹: نسخهٔ همان تحلیلگر به مرجع می‌رود · A: پذیرفتن همهٔ نشان‌های هم‌نظر · E: ویرایش در پنجرهٔ اصلی · Ctrl+Z: واگرد</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Disagreements</source>
        <translation>ناهمخوانی‌ها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge conflicts</source>
        <translation>تعارض‌های ادغام</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Keep the current version</source>
        <translation>نگه داشتن نسخهٔ کنونی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the other version</source>
        <translation>به‌کار بردن نسخهٔ دیگر</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A resolved conflict is saved at once and cannot be undone; merged into other copies, the choice settles theirs too.</source>
        <translation>تعارضِ حل‌شده همان لحظه ذخیره می‌شود و واگرد ندارد؛ با ادغام در نسخه‌های دیگر، این انتخاب تعارض آن‌ها را هم حل می‌کند.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Current version (in the file):</source>
        <translation>نسخهٔ کنونی (در پرونده):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other version (from a merge):</source>
        <translation>نسخهٔ دیگر (از یک ادغام):</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Undo</source>
        <translation>واگرد</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>ازنو</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No analyst has marked this document yet.</source>
        <translation>هنوز هیچ تحلیلگری در این سند نشانی نگذاشته است.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adjudicate — %s</source>
        <translation>داوری — %s</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>gold (the adjudicated version)</source>
        <translation>مرجع (نسخهٔ داوری‌شده)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose two or more analysts to compare.</source>
        <translation>دو تحلیلگر یا بیشتر را برای مقایسه برگزینید.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Disagreements (%d)</source>
        <translation>ناهمخوانی‌ها (%d)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%d disagreement(s), %d agreed mark(s) among %s.</source>
        <translation>%d ناهمخوانی و %d نشان هم‌نظر میان %s.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>(no mark)</source>
        <translation>(بی‌نشان)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>There are no disagreements here.</source>
        <translation>اینجا ناهمخوانی‌ای نیست.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No more disagreements in this direction.</source>
        <translation>در این جهت ناهمخوانی دیگری نیست.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>There is no disagreement to decide.</source>
        <translation>ناهمخوانی‌ای برای داوری نیست.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no analyst %d here.</source>
        <translation>اینجا تحلیلگر شمارهٔ %d نیست.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+23"/>
        <source>This project is open read-only; gold cannot be changed.</source>
        <translation>این پروژه فقط‌خواندنی باز است؛ مرجع را نمی‌توان تغییر داد.</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Gold already has %s&apos;s version here.</source>
        <translation>مرجع از پیش نسخهٔ %s را در اینجا دارد.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take %s&apos;s version of a %s mark</source>
        <translation>برگرفتن نسخهٔ %s از نشان %s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gold now has %s&apos;s version of this %s mark.</source>
        <translation>مرجع اکنون نسخهٔ %s از این نشان %s را دارد.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Gold already has every agreed mark.</source>
        <translation>مرجع از پیش همهٔ نشان‌های هم‌نظر را دارد.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept %d agreed mark(s) into gold</source>
        <translation>پذیرفتن %d نشان هم‌نظر در مرجع</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accepted %d agreed mark(s) into gold.</source>
        <translation>%d نشان هم‌نظر در مرجع پذیرفته شد.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Merge conflicts (%d)</source>
        <translation>تعارض‌های ادغام (%d)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>mark</source>
        <translation>نشان</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>link</source>
        <translation>پیوند</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>speaker</source>
        <translation>گوینده</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(deleted in this version)</source>
        <translation>(در این نسخه حذف شده)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by %s, revision %s, %s</source>
        <translation>از %s، ویرایش %s، %s</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Conflict resolved.</source>
        <translation>تعارض حل شد.</translation>
    </message>
</context>
<context>
    <name>BackgroundLearner</name>
    <message>
        <location filename="../../annotator/ui/learning.py" line="+85"/>
        <source>Next most useful sentence</source>
        <translation>سودمندترین جملهٔ بعدی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Learn from the marks now</source>
        <translation>همین حالا از نشان‌ها بیاموز</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Learning from the marks…</source>
        <translation>در حال آموختن از نشان‌ها…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not learned: the learning process ended without a model (%s)</source>
        <translation>آموخته نشد: فرایند یادگیری بدون مدل پایان یافت (%s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not learned: %s</source>
        <translation>آموخته نشد: %s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learned from %1 mark(s) in %2 s</source>
        <translation>از %1 نشان در %2 ثانیه آموخت</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>No learned model yet (%s): the window learns after %n new mark(s), or choose Suggestions ▸ Learn from the marks now.</source>
        <translation>
            <numerusform>هنوز مدلی آموخته نشده است (%s): پنجره پس از %n نشان تازه می‌آموزد، یا پیشنهادها ▸ همین حالا از نشان‌ها بیاموز را بزنید.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every sentence has a mark.</source>
        <translation>همهٔ جمله‌ها نشان دارند.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model is least sure here (certainty %s).</source>
        <translation>مدل اینجا از همه‌جا نامطمئن‌تر است (اطمینان %s).</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="+154"/>
        <source>Save as PNG…</source>
        <translation>ذخیره به‌صورت PNG…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save chart</source>
        <translation>ذخیرهٔ نمودار</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>تصویرهای PNG (*.png)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write %s.</source>
        <translation>نوشتن %s ممکن نشد.</translation>
    </message>
</context>
<context>
    <name>ChartWindow</name>
    <message>
        <location filename="../../annotator/ui/stancechart.py" line="+119"/>
        <source>Stance chart</source>
        <translation>نمودار موضع‌ها</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../annotator/ui/cheatsheet.py" line="+26"/>
        <source>Labels</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attributes of the current mark</source>
        <translation>ویژگی‌های نشان جاری</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selecting from the keyboard</source>
        <translation>گزینش با صفحه‌کلید</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Marks and navigation</source>
        <translation>نشان‌ها و پیمایش</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>View and help</source>
        <translation>نما و راهنما</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project and editing</source>
        <translation>پروژه و ویرایش</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>choose the k-th value of the active attribute; 0 clears it</source>
        <translation>انتخاب مقدار هم‌شمارهٔ کلید برای ویژگی فعال؛ 0 آن را پاک می‌کند</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How the keys work</source>
        <translation>کلیدها چگونه کار می‌کنند</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>• Select text, then press a label&apos;s key: the selection snaps to whole words. Alt with the key (or Alt while dragging) keeps exactly the characters selected.</source>
        <translation>• متن را برگزینید و کلید یک برچسب را بزنید: گزینش به واژه‌های کامل گسترش می‌یابد. با نگه داشتن Alt همراه کلید (یا Alt هنگام کشیدن موشواره) دقیقاً همان نویسه‌های برگزیده نشان‌گذاری می‌شوند.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>• N and P move to the next and previous mark; U selects the next sentence that has no mark yet, ready for a label key.</source>
        <translation>• N و P به نشان بعدی و قبلی می‌روند؛ U جملهٔ بعدی را که هنوز نشانی ندارد برمی‌گزیند تا کلید برچسب را بزنید.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• Selecting without the mouse: Ctrl+Shift+← and → grow the selection by a word in the direction of the arrow (in Persian text ← reads on); Ctrl+Shift+↓ selects the clause at the cursor and then the next one (a clause ends at ، ؛ : or sentence punctuation, or before و, اما, ولی, که…); Ctrl+Shift+↑ adds the clause before; Ctrl+Shift+PgDn and PgUp do the same by paragraph.</source>
        <translation>• گزینش بی موشواره: Ctrl+Shift+← و → گزینش را در جهت پیکان یک واژه بزرگ‌تر می‌کنند (در متن فارسی ← رو به جلو می‌خواند)؛ Ctrl+Shift+↓ بند جاری را برمی‌گزیند و هر بار بند بعدی را می‌افزاید (بند با ، ؛ : یا نشانهٔ پایان جمله، یا پیش از و، اما، ولی، که… تمام می‌شود)؛ Ctrl+Shift+↑ بند پیشین را می‌افزاید؛ Ctrl+Shift+PgDn و PgUp همین کار را با پاراگراف می‌کنند.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>• [ and ] choose the active attribute of the current mark; 1–9 give it its k-th value (for a speaker attribute, the speaker with that number in the Speakers list; type two digits quickly for 10 and above); 0 clears it.</source>
        <translation>• [ و ] ویژگی فعالِ نشان جاری را برمی‌گزینند؛ 1 تا 9 مقدار هم‌شمارهٔ آن را می‌دهند (برای ویژگی گوینده، گوینده‌ای که همین شماره را در فهرست گویندگان دارد؛ برای ۱۰ و بالاتر دو رقم را پشت سر هم بزنید)؛ 0 آن را پاک می‌کند.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>• + adds a new speaker to the registry and gives it to the active attribute; Enter puts the cursor in a text attribute to type its value.</source>
        <translation>• + گویندهٔ تازه‌ای به فهرست گویندگان می‌افزاید و آن را به ویژگی فعال می‌دهد؛ Enter مکان‌نما را به ویژگی متنی می‌برد تا مقدارش را بنویسید.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>• L starts a link from the current mark: click the mark to link to (or move with N/P); Esc cancels. Delete removes the current mark.</source>
        <translation>• L پیوندی از نشان جاری آغاز می‌کند: روی نشان مقصد کلیک کنید (یا با N/P بروید)؛ Esc لغو می‌کند. Delete نشان جاری را حذف می‌کند.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• With a Persian keyboard layout the same keys work: the key printed C (ز) marks a Claim, and so on.</source>
        <translation>• با چیدمان فارسی صفحه‌کلید هم همین کلیدها کار می‌کنند: کلیدی که رویش C (ز) نوشته شده ادعا را نشان می‌گذارد، و همین‌طور بقیه.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• Ctrl+D marks the document done. Every change is saved at once; Ctrl+Z undoes it and Ctrl+Shift+Z redoes it.</source>
        <translation>• Ctrl+D سند را «انجام‌شده» می‌کند. هر تغییر همان لحظه ذخیره می‌شود؛ Ctrl+Z آن را واگرد و Ctrl+Shift+Z دوباره انجام می‌دهد.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Keyboard shortcuts</source>
        <translation>میان‌برهای صفحه‌کلید</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="+13"/>
        <source>Team dashboard</source>
        <translation>داشبورد گروه</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Refresh</source>
        <translation>تازه‌سازی</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Progress per analyst (documents)</source>
        <translation>پیشرفت هر تحلیلگر (سندها)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marks per label and analyst</source>
        <translation>نشان‌ها بر پایهٔ برچسب و تحلیلگر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement per label</source>
        <translation>توافق در هر برچسب</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stance per holder and target</source>
        <translation>موضع بر پایهٔ دارنده و موضوع</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Marks by:</source>
        <translation>نشان‌های:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Computing…</source>
        <translation>در حال محاسبه…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The figures could not be computed: %s</source>
        <translation>شاخص‌ها محاسبه نشدند: %s</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>all analysts</source>
        <translation>همهٔ تحلیلگران</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%d document(s); %d shared by two or more analysts (%s).</source>
        <translation>%d سند؛ %d سند میان دو تحلیلگر یا بیشتر مشترک است (%s).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>هیچ</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>to do</source>
        <translation>انجام‌نشده</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in progress</source>
        <translation>در حال انجام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>انجام‌شده</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Documents per status</source>
        <translation>سندها بر پایهٔ وضعیت</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Live marks</source>
        <translation>نشان‌های موجود</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>alpha</source>
        <translation>آلفا</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kappa</source>
        <translation>کاپا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1 exact</source>
        <translation>F1 دقیق</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>F1 overlap</source>
        <translation>F1 هم‌پوشانی</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Agreement (an undefined figure is drawn as 0 and shown as – below)</source>
        <translation>توافق (رقم تعریف‌نشده با ۰ رسم و در جدول زیر با – نشان داده می‌شود)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens</source>
        <translation>واژه‌ها</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stance polarity</source>
        <translation>جهت موضع</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>agreement %s</source>
        <translation>توافق %s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%d pair(s)</source>
        <translation>%d جفت</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>favor</source>
        <translation>موافق</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>against</source>
        <translation>مخالف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>neutral</source>
        <translation>بی‌طرف</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no polarity</source>
        <translation>بی‌جهت</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stance marks</source>
        <translation>نشان‌های موضع</translation>
    </message>
</context>
<context>
    <name>DisagreementsModel</name>
    <message>
        <location filename="../../annotator/ui/disagreements.py" line="+55"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>متن</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In gold</source>
        <translation>در مرجع</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>edited</source>
        <translation>ویرایش‌شده</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../annotator/ui/headers.py" line="+13"/>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spans</source>
        <translation>نشان‌ها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analysts</source>
        <translation>تحلیلگران</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="+65"/>
        <source>One JSON line per document: its text, marks and links.</source>
        <translation>یک سطر JSON برای هر سند: متن، نشانه‌ها و پیوندهایش.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One JSON line per mark, with its text and context.</source>
        <translation>یک سطر JSON برای هر نشانه، با متن و بافتش.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A spreadsheet with one row per mark and its context.</source>
        <translation>صفحه‌گسترده‌ای با یک ردیف برای هر نشانه و بافتش.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One row per sentence: is it a claim, and of what type (for training a claim detector).</source>
        <translation>یک ردیف برای هر جمله: ادعاست یا نه و از چه نوعی (برای آموزش مدل تشخیص ادعا).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One row per Stance: who holds it, about what, and whether in favour, against or neutral.</source>
        <translation>یک ردیف برای هر موضع: دارندهٔ آن، دربارهٔ چه، و موافق، مخالف یا بی‌طرف.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One token per line with BIO tags, for sequence labelling.</source>
        <translation>یک واژه در هر سطر با برچسب‌های BIO، برای برچسب‌گذاری دنباله‌ای.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One token per line with one tag column and -DOCSTART- lines, as spaCy and doccano read CoNLL.</source>
        <translation>یک واژه در هر سطر با یک ستون برچسب و سطرهای ‎-DOCSTART-‎، همان‌گونه که spaCy و doccano فایل CoNLL را می‌خوانند.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One JSON line per sentence with its tokens and tags, for Hugging Face token classification.</source>
        <translation>یک سطر JSON برای هر جمله با واژه‌ها و برچسب‌هایش، برای دسته‌بندی واژه در Hugging Face.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The table of marks as a Parquet file (needs pyarrow installed).</source>
        <translation>جدول نشانه‌ها در یک فایل Parquet (به pyarrow نیاز دارد).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JSON lines that doccano imports as a sequence labelling project.</source>
        <translation>سطرهای JSON که doccano به‌عنوان پروژهٔ برچسب‌گذاری دنباله‌ای وارد می‌کند.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A JSON file of tasks that Label Studio imports.</source>
        <translation>یک فایل JSON از کارها که ابزار برچسب‌گذاری Label Studio وارد می‌کند.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A folder of .txt and .ann pairs for the brat annotation tool.</source>
        <translation>پوشه‌ای از جفت‌های ‎.txt‎ و ‎.ann‎ برای ابزار brat.</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+21"/>
        <source>Export</source>
        <translation>خروجی</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>canonical text (as stored)</source>
        <translation>متن استاندارد (همان‌گونه که ذخیره شده)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>original text (as imported)</source>
        <translation>متن اصلی (همان‌گونه که وارد شده)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any document</source>
        <translation>همهٔ سندها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only documents marked done</source>
        <translation>فقط سندهای انجام‌شده</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>every analyst</source>
        <translation>همهٔ تحلیلگران</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>gold (adjudicated)</source>
        <translation>مرجع (داوری‌شده)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make cells safe for spreadsheets</source>
        <translation>خانه‌ها برای صفحه‌گسترده بی‌خطر شوند</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Format:</source>
        <translation>قالب:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File:</source>
        <translation>پرونده:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offsets:</source>
        <translation>موقعیت‌ها:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents:</source>
        <translation>سندها:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marks by:</source>
        <translation>نشان‌های:</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Export to</source>
        <translation>خروجی در</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose a file to export to.</source>
        <translation>پرونده‌ای برای خروجی انتخاب کنید.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting…</source>
        <translation>در حال گرفتن خروجی…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>خروجی لغو شد؛ هیچ پرونده‌ای نوشته نشد.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%s could not be written: %s</source>
        <translation>%s نوشته نشد: %s</translation>
    </message>
</context>
<context>
    <name>ExportOptionRows</name>
    <message>
        <location filename="../../annotator/ui/export_options.py" line="+54"/>
        <source>no split (one file)</source>
        <translation>بدون تقسیم (یک پرونده)</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%s by document (train/validation/test)</source>
        <translation>%s بر پایهٔ سند (آموزش/اعتبارسنجی/آزمون)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%s by document (train/test)</source>
        <translation>%s بر پایهٔ سند (آموزش/آزمون)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>UTF-16 code units (what doccano reads)</source>
        <translation>واحدهای UTF-16 (آنچه doccano می‌خواند)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>code points</source>
        <translation>نقطه‌های کد یونیکد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user-perceived characters (graphemes)</source>
        <translation>نویسه‌های دیداری (گرافیم‌ها)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>label lists [[start, end, label]]</source>
        <translation>فهرست برچسب‌ها [[start, end, label]]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entities with relations</source>
        <translation>موجودیت‌ها همراه با پیوندها</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>one row per mark</source>
        <translation>یک سطر برای هر نشان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one row per sentence, with tags</source>
        <translation>یک سطر برای هر جمله، با برچسب‌های واژه‌ها</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>every label (earlier label wins)</source>
        <translation>همهٔ برچسب‌ها (برچسب پیشین‌تر برنده است)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the rule suggestions as predictions</source>
        <translation>پیشنهادهای قاعده‌ها را به‌صورت پیش‌بینی بیفزا</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. cc-by-4.0 (optional)</source>
        <translation>مثلاً cc-by-4.0 (اختیاری)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Split:</source>
        <translation>تقسیم:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Divide the documents into training and test files, in a new folder.</source>
        <translation>سندها را در پوشه‌ای تازه به پرونده‌های آموزش و آزمون تقسیم می‌کند.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>بذر:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The number that shuffles documents into splits; the same seed gives the same split.</source>
        <translation>عددی که سندها را میان بخش‌ها بُر می‌زند؛ بذر یکسان، تقسیم یکسان می‌دهد.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offsets count:</source>
        <translation>شمارش موقعیت‌ها:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What doccano&apos;s start and end count.</source>
        <translation>آغاز و پایان در doccano چه چیزی را می‌شمارند.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>doccano shape:</source>
        <translation>شکل doccano:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain label lists, or entities with their relations.</source>
        <translation>فهرست سادهٔ برچسب‌ها، یا موجودیت‌ها با پیوندهایشان.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags:</source>
        <translation>برچسب‌گذاری:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BIOES also tags single-token (S) and last (E) tokens.</source>
        <translation>BIOES برچسب واژهٔ تنها (S) و واژهٔ پایانی (E) را هم می‌گذارد.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table:</source>
        <translation>جدول:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which table the Parquet file holds.</source>
        <translation>پروندهٔ Parquet کدام جدول را دارد.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag only:</source>
        <translation>تنها این برچسب:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tag one label only, or every label.</source>
        <translation>تنها یک برچسب، یا همهٔ برچسب‌ها.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label Studio shows them as pre-annotations to accept or reject.</source>
        <translation>Label Studio آن‌ها را به‌صورت پیش‌برچسب برای پذیرش یا رد نشان می‌دهد.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>License:</source>
        <translation>پروانه:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The license the dataset card names.</source>
        <translation>پروانه‌ای که کارت داده‌ها نام می‌برد.</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../annotator/ui/inspector.py" line="+95"/>
        <source>Link to a span… (L)</source>
        <translation>پیوند به نشانی دیگر… (L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select text and press a label&apos;s key, or click a mark.</source>
        <translation>متنی را برگزینید و کلید یک برچسب را بزنید، یا روی نشانی کلیک کنید.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Add new speaker… (+)</source>
        <translation>افزودن گویندهٔ تازه… (+)</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>New speaker</source>
        <translation>گویندهٔ تازه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>نام:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add speaker %s</source>
        <translation>افزودن گوینده %s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/ui/actions.py" line="+92"/>
        <location filename="../../annotator/ui/mainwindow.py" line="+138"/>
        <source>Import…</source>
        <translation>وارد کردن…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/mainwindow.py" line="+3"/>
        <source>Documents</source>
        <translation>سندها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter documents</source>
        <translation>پالایش سندها</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Spans</source>
        <translation>نشان‌ها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter spans</source>
        <translation>پالایش نشان‌ها</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inspector</source>
        <translation>بازرس</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Suggestions</source>
        <translation>پیشنهادها</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stance</source>
        <translation>موضع</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Labels</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="+29"/>
        <source>Undo</source>
        <translation>واگرد</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redo</source>
        <translation>ازنو</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Delete mark</source>
        <translation>حذف نشان</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next mark</source>
        <translation>نشان بعدی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous mark</source>
        <translation>نشان قبلی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next unmarked sentence</source>
        <translation>جملهٔ بی‌نشان بعدی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark document done</source>
        <translation>انجام‌شده کردن سند</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link the current mark…</source>
        <translation>پیوند دادن نشان جاری…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Larger text</source>
        <translation>متن درشت‌تر</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Smaller text</source>
        <translation>متن ریزتر</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line spacing</source>
        <translation>فاصلهٔ سطرها</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next attribute</source>
        <translation>ویژگی بعدی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous attribute</source>
        <translation>ویژگی قبلی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept the suggestion, or edit the attribute&apos;s text</source>
        <translation>پذیرفتن پیشنهاد، یا ویرایش متن ویژگی</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Suggest marks</source>
        <translation>پیشنهاد نشان‌ها</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next suggestion</source>
        <translation>پیشنهاد بعدی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous suggestion</source>
        <translation>پیشنهاد قبلی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give this mark to every occurrence in the document</source>
        <translation>دادن این نشان به همهٔ تکرارهایش در سند</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give this mark to every occurrence in the project</source>
        <translation>دادن این نشان به همهٔ تکرارهایش در پروژه</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New speaker for the attribute</source>
        <translation>گویندهٔ تازه برای ویژگی</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Choose value %d</source>
        <translation>انتخاب مقدار %d</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Back to the text</source>
        <translation>بازگشت به متن</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/menus.py" line="+80"/>
        <source>Navigation</source>
        <translation>پیمایش</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>&amp;File</source>
        <translation>پرونده</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="+2"/>
        <source>New project…</source>
        <translation>پروژهٔ تازه…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open project…</source>
        <translation>باز کردن پروژه…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New document from clipboard…</source>
        <translation>سند تازه از کلیپ‌بورد…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/menus.py" line="+3"/>
        <source>&amp;Edit</source>
        <translation>ویرایش</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Su&amp;ggestions</source>
        <translation>پیشنهادها</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Navigate</source>
        <translation>پیمایش</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>نما</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Labels</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>راهنما</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/mainwindow.py" line="+73"/>
        <source>to do</source>
        <translation>انجام‌نشده</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in progress</source>
        <translation>در حال انجام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>انجام‌شده</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (read-only)</source>
        <translation> (فقط‌خواندنی)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is write-protected, or was written by a newer Annotator</source>
        <translation>در برابر نوشتن محافظت شده است، یا نسخهٔ تازه‌تری از Annotator آن را نوشته است</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read-only: this file cannot be changed here (%s).</source>
        <translation>فقط‌خواندنی: این پرونده را اینجا نمی‌توان تغییر داد (%s).</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Document marked %s.</source>
        <translation>وضعیت سند: %s.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Mark the selection as %s; with Alt, exactly as selected</source>
        <translation>گزینش را %s نشان بگذار؛ با Alt دقیقاً همان نویسه‌های برگزیده</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Select some text first.</source>
        <translation>نخست متنی را برگزینید.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Marked %s.</source>
        <translation>نشان %s گذاشته شد.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Choose a mark first.</source>
        <translation>نخست یک نشان را برگزینید.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%d more occurrence(s) marked.</source>
        <translation>%d تکرار دیگر نشان‌گذاری شد.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Click a mark (or press N) to choose it first.</source>
        <translation>نخست روی نشانی کلیک کنید (یا N را بزنید) تا انتخاب شود.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No more marks in this direction.</source>
        <translation>در این سو نشان دیگری نیست.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Every sentence after this point has a mark.</source>
        <translation>همهٔ جمله‌های پس از اینجا نشان دارند.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose the mark to link from first.</source>
        <translation>نخست نشانی را که پیوند از آن آغاز می‌شود انتخاب کنید.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Linking %s: click the mark to link to, or move with N/P; Esc cancels.</source>
        <translation>پیوند از %s: روی نشان مقصد کلیک کنید یا با N/P بروید؛ Esc لغو می‌کند.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A %s mark cannot be linked to a %s mark.</source>
        <translation>نشان %s را نمی‌توان به نشان %s پیوند داد.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Linked: %s.</source>
        <translation>پیوند داده شد: %s.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Linking cancelled.</source>
        <translation>پیوند لغو شد.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Read-only project</source>
        <translation>پروژهٔ فقط‌خواندنی</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/projectfiles.py" line="+23"/>
        <source>New project</source>
        <translation>پروژهٔ تازه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotator projects (*.annot)</source>
        <translation>پروژه‌های Annotator (*.annot)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/mainwindow.py" line="+18"/>
        <source>%s already exists; open it instead.</source>
        <translation>%s از پیش هست؛ به جای آن، همان را باز کنید.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/projectfiles.py" line="+8"/>
        <source>Open project</source>
        <translation>باز کردن پروژه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotator projects (*.annot);;All (*)</source>
        <translation>پروژه‌های Annotator (*.annot);;همه (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import documents</source>
        <translation>وارد کردن سندها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Texts, documents and annotations (*.txt *.csv *.jsonl *.json *.ann *.html *.htm *.docx *.pdf);;All files (*)</source>
        <translation>متن‌ها، سندها و نشان‌گذاری‌ها (*.txt *.csv *.jsonl *.json *.ann *.html *.htm *.docx *.pdf);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/mainwindow.py" line="+22"/>
        <source>This project is open read-only; nothing can be added.</source>
        <translation>این پروژه فقط‌خواندنی باز است؛ چیزی نمی‌توان افزود.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/projectfiles.py" line="+15"/>
        <source>Nothing was imported</source>
        <translation>چیزی وارد نشد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was imported; the project is unchanged.</source>
        <translation>چیزی وارد نشد؛ پروژه دست‌نخورده است.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported %d document(s) and %d mark(s).</source>
        <translation>%d سند و %d نشان وارد شد.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%d were already in the project.</source>
        <translation>%d سند از پیش در پروژه بود.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import</source>
        <translation>وارد کردن</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/keyselect.py" line="+53"/>
        <source>Select the next clause too</source>
        <translation>افزودن بند بعدی به گزینش</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select the clause before too</source>
        <translation>افزودن بند پیشین به گزینش</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select the next paragraph too</source>
        <translation>افزودن پاراگراف بعدی به گزینش</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select the paragraph before too</source>
        <translation>افزودن پاراگراف پیشین به گزینش</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/messages.py" line="+18"/>
        <source>its format cannot be told from its name: give the file one of the extensions .txt, .csv, .jsonl, .json or .ann</source>
        <translation>قالبش از نامش پیدا نیست: به پرونده یکی از پسوندهای ‎.txt، ‎.csv، ‎.jsonl، ‎.json یا ‎.ann را بدهید</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>is a task whose data has no %1 string, the key the window reads a task&apos;s text from</source>
        <translation>کاری است که داده‌اش رشته‌ای با کلید %1 ندارد، کلیدی که پنجره متن کار را از آن می‌خواند</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 writes the canonical text&apos;s tokens; choose Offsets: canonical text</source>
        <translation>%1 واژه‌های متن استاندارد را می‌نویسد؛ در «موقعیت‌ها:» متن استاندارد را برگزینید</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Parquet export needs pyarrow, which is not installed with this Annotator; export spans-jsonl or tokens-jsonl instead</source>
        <translation>برون‌بری Parquet به pyarrow نیاز دارد که همراه این Annotator نصب نشده است؛ به‌جای آن spans-jsonl یا tokens-jsonl را برون‌بری کنید</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>is not a regular file (a device, pipe or socket) and is never replaced; choose a file name</source>
        <translation>پروندهٔ معمولی نیست (دستگاه، لوله یا سوکت) و هرگز جایگزین نمی‌شود؛ نام پرونده‌ای برگزینید</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1; %2 backup(s) of it are in %3</source>
        <translation>%1؛ %2 پشتیبان از آن در %3 هست</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>is open in Annotator or was not closed cleanly; close it there, or send a copy made with Team ▸ Share project…</source>
        <translation>در Annotator باز است یا درست بسته نشده است؛ آن را آنجا ببندید، یا رونوشتی را بفرستید که با گروه ▸ هم‌رسانی پروژه… ساخته شده است</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1; choose Suggestions ▸ Learn from the marks now first</source>
        <translation>%1؛ نخست پیشنهادها ▸ همین حالا از نشان‌ها بیاموز را برگزینید</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1; choose Suggestions ▸ Learn from the marks now</source>
        <translation>%1؛ پیشنهادها ▸ همین حالا از نشان‌ها بیاموز را برگزینید</translation>
    </message>
</context>
<context>
    <name>Paste</name>
    <message>
        <location filename="../../annotator/ui/paste.py" line="+24"/>
        <source>This project is open read-only; nothing can be added.</source>
        <translation>این پروژه فقط‌خواندنی باز است؛ چیزی نمی‌توان افزود.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The clipboard holds no text to make a document of.</source>
        <translation>در کلیپ‌بورد متنی برای ساختن سند نیست.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New document from the clipboard</source>
        <translation>سند تازه از کلیپ‌بورد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title of the new document:</source>
        <translation>عنوان سند تازه:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was pasted</source>
        <translation>چیزی چسبانده نشد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was added; the project is unchanged.</source>
        <translation>چیزی افزوده نشد؛ پروژه تغییری نکرده است.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This text is already in the project.</source>
        <translation>این متن از پیش در پروژه هست.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added a document from the clipboard.</source>
        <translation>سندی از کلیپ‌بورد افزوده شد.</translation>
    </message>
</context>
<context>
    <name>QShortcut</name>
    <message>
        <location filename="../../annotator/ui/keylayout.py" line="+24"/>
        <source>Ctrl</source>
        <translation>Ctrl</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alt</source>
        <translation>Alt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Meta</source>
        <translation>Meta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PgUp</source>
        <translation>PgUp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PgDown</source>
        <translation>PgDown</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Up</source>
        <translation>↑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>↓</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Left</source>
        <translation>←</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right</source>
        <translation>→</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ins</source>
        <translation>Ins</translation>
    </message>
</context>
<context>
    <name>RuleNames</name>
    <message>
        <location filename="../../annotator/ui/schemanames.py" line="+40"/>
        <source>name-prefix</source>
        <translation>پیشوند نام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>question-answer</source>
        <translation>پرسش و پاسخ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lead-introduction</source>
        <translation>معرفی در آغاز</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reported-speech</source>
        <translation>نقل قول</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reported-view</source>
        <translation>نقل دیدگاه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>according-to</source>
        <translation>به گفتهٔ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with-saying</source>
        <translation>با بیان اینکه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>announced</source>
        <translation>خبر داد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>continued-quote</source>
        <translation>ادامهٔ نقل‌قول</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>post-bullets</source>
        <translation>بندهای پست</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learned</source>
        <translation>آموخته</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>colon-quote</source>
        <translation>نقل پس از دونقطه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>propagate</source>
        <translation>تکرار نشان</translation>
    </message>
</context>
<context>
    <name>SchemaAttributes</name>
    <message>
        <location line="-31"/>
        <source>speaker</source>
        <translation>گوینده</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role</source>
        <translation>نقش</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>type</source>
        <translation>نوع</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checkworthy</source>
        <translation>ارزش راستی‌آزمایی</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quote</source>
        <translation>نقل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>holder</source>
        <translation>دارنده</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target</source>
        <translation>موضوع</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>polarity</source>
        <translation>جهت</translation>
    </message>
</context>
<context>
    <name>SchemaEditor</name>
    <message>
        <location filename="../../annotator/ui/schema_editor.py" line="+104"/>
        <source>Labels</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Add label</source>
        <translation>افزودن برچسب</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete label</source>
        <translation>حذف برچسب</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Attribute</source>
        <translation>ویژگی</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Values (comma-separated)</source>
        <translation>مقدارها (جدا با ویرگول)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add attribute</source>
        <translation>افزودن ویژگی</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete attribute</source>
        <translation>حذف ویژگی</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Name:</source>
        <translation>نام:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour:</source>
        <translation>رنگ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key:</source>
        <translation>کلید:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attributes:</source>
        <translation>ویژگی‌ها:</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Labels that marks use cannot be renamed or deleted; the marks keep their labels. Attribute kinds: choice (one of the values), text (free, values are suggestions), speaker (the registry).</source>
        <translation>برچسبی که نشان‌ها از آن استفاده می‌کنند را نمی‌توان تغییر نام داد یا حذف کرد؛ نشان‌ها برچسب خود را نگه می‌دارند. نوع ویژگی‌ها: گزینه‌ای (یکی از مقدارها)، متنی (آزاد؛ مقدارها پیشنهادند)، گوینده (از فهرست گویندگان).</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>choice</source>
        <translation>گزینه‌ای</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>text</source>
        <translation>متنی</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>speaker</source>
        <translation>گوینده</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>New label</source>
        <translation>برچسب تازه</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>attribute</source>
        <translation>ویژگی</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The key of %s must be one character.</source>
        <translation>کلید %s باید یک نویسه باشد.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The key %s of %s is one of the window&apos;s own keys (%s).</source>
        <translation>کلید %s برای %s از کلیدهای خود پنجره است (%s).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The key %s is used by both %s and %s.</source>
        <translation>کلید %s هم برای %s به کار رفته و هم برای %s.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%s cannot be deleted: marks use it.</source>
        <translation>%s را نمی‌توان حذف کرد: نشان‌هایی از آن استفاده می‌کنند.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%s cannot be renamed: marks use it.</source>
        <translation>%s را نمی‌توان تغییر نام داد: نشان‌هایی از آن استفاده می‌کنند.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%d mark(s) would no longer fit the labels, for example: %s.</source>
        <translation>%d نشان دیگر با برچسب‌ها جور درنمی‌آید، برای نمونه: %s.</translation>
    </message>
</context>
<context>
    <name>SchemaNames</name>
    <message>
        <location filename="../../annotator/ui/schemanames.py" line="-9"/>
        <source>Speaker</source>
        <translation>گوینده</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Turn</source>
        <translation>نوبت</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim</source>
        <translation>ادعا</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stance</source>
        <translation>موضع</translation>
    </message>
</context>
<context>
    <name>SchemaValues</name>
    <message>
        <location line="+9"/>
        <source>interviewer</source>
        <translation>مصاحبه‌گر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interviewee</source>
        <translation>مصاحبه‌شونده</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>narrator</source>
        <translation>راوی</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>factual</source>
        <translation>واقعی</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>opinion</source>
        <translation>نظر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prediction</source>
        <translation>پیش‌بینی</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>commitment</source>
        <translation>تعهد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>دیگر</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>بله</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>نه</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>direct</source>
        <translation>مستقیم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>indirect</source>
        <translation>غیرمستقیم</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>هیچ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>favor</source>
        <translation>موافق</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>against</source>
        <translation>مخالف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>neutral</source>
        <translation>بی‌طرف</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../annotator/ui/search.py" line="+76"/>
        <source>Search (علي finds علی)</source>
        <translation>جست‌وجو (علي، علی را هم می‌یابد)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This document</source>
        <translation>همین سند</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Whole project</source>
        <translation>کل پروژه</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>The first %d hits are shown.</source>
        <translation>تنها %d یافتهٔ نخست نشان داده شده است.</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+7"/>
        <source>%d hit(s).</source>
        <translation>%d یافته.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../annotator/ui/session.py" line="+111"/>
        <source>Mark %s</source>
        <translation>نشان %s</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Delete %n span(s)</source>
        <translation>
            <numerusform>حذف %n نشان</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Edit attributes</source>
        <translation>ویرایش ویژگی‌ها</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change label to %s</source>
        <translation>تغییر برچسب به %s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Link %s</source>
        <translation>پیوند %s</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add speaker %s</source>
        <translation>افزودن گوینده %s</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Edit speaker %s</source>
        <translation>ویرایش گوینده %s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove speaker</source>
        <translation>حذف گوینده</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mark document %s</source>
        <translation>وضعیت سند: %s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit labels</source>
        <translation>ویرایش برچسب‌ها</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Accept %n suggestion(s)</source>
        <translation>
            <numerusform>پذیرفتن %n پیشنهاد</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Reject %n suggestion(s)</source>
        <translation>
            <numerusform>رد کردن %n پیشنهاد</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpansModel</name>
    <message>
        <location filename="../../annotator/ui/headers.py" line="+1"/>
        <source>Label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>متن</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attributes</source>
        <translation>ویژگی‌ها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>آغاز</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End</source>
        <translation>پایان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analyst</source>
        <translation>تحلیلگر</translation>
    </message>
</context>
<context>
    <name>SpeakerDialog</name>
    <message>
        <location filename="../../annotator/ui/speakers.py" line="+84"/>
        <source>New speaker</source>
        <translation>گویندهٔ تازه</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit speaker</source>
        <translation>ویرایش گوینده</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>separated by commas</source>
        <translation>جدا با ویرگول</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name:</source>
        <translation>نام:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aliases:</source>
        <translation>نام‌های دیگر:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:</source>
        <translation>نقش:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Affiliation:</source>
        <translation>وابستگی:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A speaker needs a name.</source>
        <translation>گوینده باید نام داشته باشد.</translation>
    </message>
</context>
<context>
    <name>SpeakersModel</name>
    <message>
        <location filename="../../annotator/ui/headers.py" line="+1"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aliases</source>
        <translation>نام‌های دیگر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>نقش</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Affiliation</source>
        <translation>وابستگی</translation>
    </message>
</context>
<context>
    <name>SpeakersPanel</name>
    <message>
        <location filename="../../annotator/ui/speakers.py" line="+23"/>
        <source>Filter speakers</source>
        <translation>پالایش گویندگان</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add…</source>
        <translation>افزودن…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>ویرایش…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
</context>
<context>
    <name>StanceChart</name>
    <message>
        <location filename="../../annotator/ui/stancechart.py" line="-45"/>
        <source>The %1 most marked pairs; %2 more in the table.</source>
        <translation>%1 جفتی که بیشترین نشان را دارند؛ %2 جفت دیگر در جدول.</translation>
    </message>
</context>
<context>
    <name>StanceModel</name>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="-325"/>
        <source>Holder</source>
        <translation>دارندهٔ موضع</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>موضوع</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Favor</source>
        <translation>موافق</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Against</source>
        <translation>مخالف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neutral</source>
        <translation>بی‌طرف</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Other</source>
        <translation>دیگر</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Total</source>
        <translation>جمع</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(no holder)</source>
        <translation>(بی‌دارنده)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(no target)</source>
        <translation>(بی‌موضوع)</translation>
    </message>
</context>
<context>
    <name>StanceView</name>
    <message>
        <location filename="../../annotator/ui/stance.py" line="+57"/>
        <source>This document</source>
        <translation>این سند</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole project</source>
        <translation>کل پروژه</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Holder</source>
        <translation>دارندهٔ موضع</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>موضوع</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>جمع</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Chart in a window</source>
        <translation>نمودار در پنجره</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the chart in a window of its own, which can be made larger</source>
        <translation>نمودار را در پنجره‌ای جدا باز کن که می‌توان بزرگش کرد</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Counting…</source>
        <translation>در حال شمارش…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not count: %s</source>
        <translation>شمارش ممکن نشد: %s</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="+65"/>
        <source>Suggest</source>
        <translation>پیشنهاد بده</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept (Enter)</source>
        <translation>پذیرفتن (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject (Del)</source>
        <translation>رد کردن (Del)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept all of this rule</source>
        <translation>پذیرفتن همهٔ پیشنهادهای این قاعده</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>A long document: press Suggest (Ctrl+G) to compute suggestions for it.</source>
        <translation>سندی بلند: برای ساختن پیشنهادهایش «پیشنهاد بده» (Ctrl+G) را بزنید.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%s (new)</source>
        <translation>%s (تازه)</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%n suggestion(s); they become marks only when accepted.</source>
        <translation>
            <numerusform>%n پیشنهاد؛ تنها پس از پذیرفتن نشان می‌شوند.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamTools</name>
    <message>
        <location filename="../../annotator/ui/menus.py" line="-2"/>
        <source>Tea&amp;m</source>
        <translation>&amp;گروه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team.py" line="+56"/>
        <source>Adjudicate…</source>
        <translation>داوری…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dashboard…</source>
        <translation>داشبورد…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share project…</source>
        <translation>هم‌رسانی پروژه…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge files…</source>
        <translation>ادغام پرونده‌ها…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Open a document to adjudicate first.</source>
        <translation>نخست سندی را برای داوری باز کنید.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Share project</source>
        <translation>هم‌رسانی پروژه</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Annotator projects (*.annot)</source>
        <translation>پروژه‌های Annotator (*.annot)</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Nothing was shared</source>
        <translation>چیزی هم‌رسانی نشد</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Project shared</source>
        <translation>پروژه هم‌رسانی شد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrote a checked copy of the project to %s.
Give it to an analyst; merge their copy back with Team → Merge files….</source>
        <translation>رونوشتی وارسی‌شده از پروژه در %s نوشته شد.
آن را به یک تحلیلگر بدهید؛ رونوشت او را با گروه ← ادغام پرونده‌ها… برگردانید.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge analysts&apos; files</source>
        <translation>ادغام پرونده‌های تحلیلگران</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This project is open read-only; nothing can be merged into it.</source>
        <translation>این پروژه فقط‌خواندنی باز است؛ چیزی را نمی‌توان در آن ادغام کرد.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was merged</source>
        <translation>چیزی ادغام نشد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was merged; the project is unchanged.</source>
        <translation>چیزی ادغام نشد؛ پروژه دست‌نخورده است.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Merge</source>
        <translation>ادغام</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>documents</source>
        <translation>سندها</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>marks</source>
        <translation>نشان‌ها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>links</source>
        <translation>پیوندها</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>speakers</source>
        <translation>گویندگان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>statuses</source>
        <translation>وضعیت‌ها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged %d file(s).</source>
        <translation>%d پرونده ادغام شد.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%s: %d added, %d updated, %d unchanged, %d in conflict, %d refused</source>
        <translation>%s: %d افزوده، %d به‌روز، %d بی‌تغییر، %d در تعارض، %d پذیرفته‌نشده</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>refused %s %s from %s: %s</source>
        <translation>پذیرفته نشد: %s %s از %s: %s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review the conflicts in Team → Adjudicate… (Merge conflicts).</source>
        <translation>تعارض‌ها را در گروه ← داوری… (تعارض‌های ادغام) بررسی کنید.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A merge cannot be undone; the undo history was cleared.</source>
        <translation>ادغام واگرد ندارد؛ تاریخچهٔ واگرد پاک شد.</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <location filename="../../annotator/ui/mainwindow.py" line="-391"/>
        <source>Speakers</source>
        <translation>گویندگان</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>جست‌وجو</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/tools.py" line="+39"/>
        <source>Search…</source>
        <translation>جست‌وجو…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export…</source>
        <translation>خروجی گرفتن…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit labels…</source>
        <translation>ویرایش برچسب‌ها…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keyboard shortcuts</source>
        <translation>میان‌برهای صفحه‌کلید</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/menus.py" line="+29"/>
        <source>Language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/tools.py" line="+19"/>
        <source>Switch language</source>
        <translation>تغییر زبان</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported %d document(s) and %d mark(s) to %s.</source>
        <translation>خروجی %d سند و %d نشان در %s نوشته شد.</translation>
    </message>
</context>
<context>
    <name>adjudication</name>
    <message>
        <location filename="../../annotator/ui/disagreements.py" line="-76"/>
        <source>agreed</source>
        <translation>هم‌نظر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>missing</source>
        <translation>جاافتاده</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other label</source>
        <translation>برچسب دیگر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bounds</source>
        <translation>مرزها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attributes</source>
        <translation>ویژگی‌ها</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../annotator/ui/app.py" line="+68"/>
        <source>Welcome to Annotator</source>
        <translation>به Annotator خوش آمدید</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name (recorded as the author of your marks):</source>
        <translation>نام شما (به‌عنوان نویسندهٔ نشان‌هایتان ثبت می‌شود):</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Restore the newest good backup? The damaged file is kept beside it.</source>
        <translation>تازه‌ترین پشتیبان سالم بازگردانده شود؟ پروندهٔ آسیب‌دیده در کنارش نگه داشته می‌شود.</translation>
    </message>
</context>
</TS>
