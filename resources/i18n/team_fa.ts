<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa">
  <context>
    <name>AdjudicationDialog</name>
    <message>
      <source>Adjudicate</source>
      <translation>داوری</translation>
    </message>
    <message>
      <source>Document:</source>
      <translation>سند:</translation>
    </message>
    <message>
      <source>Analysts to compare</source>
      <translation>تحلیلگرانی که مقایسه می‌شوند</translation>
    </message>
    <message>
      <source>N / P: next / previous disagreement · 1–9: take that analyst's version into gold · A: accept every agreed mark · E: edit in the main window · Ctrl+Z: undo</source>
      <translation>N / P: ناهمخوانی بعدی / قبلی · ۱ تا ۹: نسخهٔ همان تحلیلگر به مرجع می‌رود · A: پذیرفتن همهٔ نشان‌های هم‌نظر · E: ویرایش در پنجرهٔ اصلی · Ctrl+Z: واگرد</translation>
    </message>
    <message>
      <source>Disagreements</source>
      <translation>ناهمخوانی‌ها</translation>
    </message>
    <message>
      <source>Merge conflicts</source>
      <translation>تعارض‌های ادغام</translation>
    </message>
    <message>
      <source>Keep the current version</source>
      <translation>نگه داشتن نسخهٔ کنونی</translation>
    </message>
    <message>
      <source>Use the other version</source>
      <translation>به‌کار بردن نسخهٔ دیگر</translation>
    </message>
    <message>
      <source>A resolved conflict is saved at once and cannot be undone; merged into other copies, the choice settles theirs too.</source>
      <translation>تعارضِ حل‌شده همان لحظه ذخیره می‌شود و واگرد ندارد؛ با ادغام در نسخه‌های دیگر، این انتخاب تعارض آن‌ها را هم حل می‌کند.</translation>
    </message>
    <message>
      <source>Current version (in the file):</source>
      <translation>نسخهٔ کنونی (در پرونده):</translation>
    </message>
    <message>
      <source>Other version (from a merge):</source>
      <translation>نسخهٔ دیگر (از یک ادغام):</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>واگرد</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>ازنو</translation>
    </message>
    <message>
      <source>No analyst has marked this document yet.</source>
      <translation>هنوز هیچ تحلیلگری در این سند نشانی نگذاشته است.</translation>
    </message>
    <message>
      <source>Adjudicate — %s</source>
      <translation>داوری — %s</translation>
    </message>
    <message>
      <source>gold (the adjudicated version)</source>
      <translation>مرجع (نسخهٔ داوری‌شده)</translation>
    </message>
    <message>
      <source>Choose two or more analysts to compare.</source>
      <translation>دو تحلیلگر یا بیشتر را برای مقایسه برگزینید.</translation>
    </message>
    <message>
      <source>Disagreements (%d)</source>
      <translation>ناهمخوانی‌ها (%d)</translation>
    </message>
    <message>
      <source>%d disagreement(s), %d agreed mark(s) among %s.</source>
      <translation>%d ناهمخوانی و %d نشان هم‌نظر میان %s.</translation>
    </message>
    <message>
      <source>(no mark)</source>
      <translation>(بی‌نشان)</translation>
    </message>
    <message>
      <source>There are no disagreements here.</source>
      <translation>اینجا ناهمخوانی‌ای نیست.</translation>
    </message>
    <message>
      <source>No more disagreements in this direction.</source>
      <translation>در این جهت ناهمخوانی دیگری نیست.</translation>
    </message>
    <message>
      <source>There is no disagreement to decide.</source>
      <translation>ناهمخوانی‌ای برای داوری نیست.</translation>
    </message>
    <message>
      <source>There is no analyst %d here.</source>
      <translation>اینجا تحلیلگر شمارهٔ %d نیست.</translation>
    </message>
    <message>
      <source>This project is open read-only; gold cannot be changed.</source>
      <translation>این پروژه فقط‌خواندنی باز است؛ مرجع را نمی‌توان تغییر داد.</translation>
    </message>
    <message>
      <source>Gold already has %s's version here.</source>
      <translation>مرجع از پیش نسخهٔ %s را در اینجا دارد.</translation>
    </message>
    <message>
      <source>Take %s's version of a %s mark</source>
      <translation>برگرفتن نسخهٔ %s از نشان %s</translation>
    </message>
    <message>
      <source>Gold now has %s's version of this %s mark.</source>
      <translation>مرجع اکنون نسخهٔ %s از این نشان %s را دارد.</translation>
    </message>
    <message>
      <source>Gold already has every agreed mark.</source>
      <translation>مرجع از پیش همهٔ نشان‌های هم‌نظر را دارد.</translation>
    </message>
    <message>
      <source>Accept %d agreed mark(s) into gold</source>
      <translation>پذیرفتن %d نشان هم‌نظر در مرجع</translation>
    </message>
    <message>
      <source>Accepted %d agreed mark(s) into gold.</source>
      <translation>%d نشان هم‌نظر در مرجع پذیرفته شد.</translation>
    </message>
    <message>
      <source>Merge conflicts (%d)</source>
      <translation>تعارض‌های ادغام (%d)</translation>
    </message>
    <message>
      <source>mark</source>
      <translation>نشان</translation>
    </message>
    <message>
      <source>link</source>
      <translation>پیوند</translation>
    </message>
    <message>
      <source>speaker</source>
      <translation>گوینده</translation>
    </message>
    <message>
      <source>(deleted in this version)</source>
      <translation>(در این نسخه حذف شده)</translation>
    </message>
    <message>
      <source>by %s, revision %s, %s</source>
      <translation>از %s، ویرایش %s، %s</translation>
    </message>
    <message>
      <source>Conflict resolved.</source>
      <translation>تعارض حل شد.</translation>
    </message>
  </context>
  <context>
    <name>ChartPanel</name>
    <message>
      <source>Save as PNG…</source>
      <translation>ذخیره به‌صورت PNG…</translation>
    </message>
    <message>
      <source>Save chart</source>
      <translation>ذخیرهٔ نمودار</translation>
    </message>
    <message>
      <source>PNG images (*.png)</source>
      <translation>تصویرهای PNG (*.png)</translation>
    </message>
    <message>
      <source>Could not write %s.</source>
      <translation>نوشتن %s ممکن نشد.</translation>
    </message>
  </context>
  <context>
    <name>Dashboard</name>
    <message>
      <source>Team dashboard</source>
      <translation>داشبورد گروه</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>تازه‌سازی</translation>
    </message>
    <message>
      <source>Progress per analyst (documents)</source>
      <translation>پیشرفت هر تحلیلگر (سندها)</translation>
    </message>
    <message>
      <source>Marks per label and analyst</source>
      <translation>نشان‌ها بر پایهٔ برچسب و تحلیلگر</translation>
    </message>
    <message>
      <source>Agreement per label</source>
      <translation>توافق در هر برچسب</translation>
    </message>
    <message>
      <source>Stance per holder and target</source>
      <translation>موضع بر پایهٔ دارنده و موضوع</translation>
    </message>
    <message>
      <source>Marks by:</source>
      <translation>نشان‌های:</translation>
    </message>
    <message>
      <source>all analysts</source>
      <translation>همهٔ تحلیلگران</translation>
    </message>
    <message>
      <source>%d document(s); %d shared by two or more analysts (%s).</source>
      <translation>%d سند؛ %d سند میان دو تحلیلگر یا بیشتر مشترک است (%s).</translation>
    </message>
    <message>
      <source>none</source>
      <translation>هیچ</translation>
    </message>
    <message>
      <source>to do</source>
      <translation>انجام‌نشده</translation>
    </message>
    <message>
      <source>in progress</source>
      <translation>در حال انجام</translation>
    </message>
    <message>
      <source>done</source>
      <translation>انجام‌شده</translation>
    </message>
    <message>
      <source>Documents per status</source>
      <translation>سندها بر پایهٔ وضعیت</translation>
    </message>
    <message>
      <source>Live marks</source>
      <translation>نشان‌های موجود</translation>
    </message>
    <message>
      <source>alpha</source>
      <translation>آلفا</translation>
    </message>
    <message>
      <source>kappa</source>
      <translation>کاپا</translation>
    </message>
    <message>
      <source>F1 exact</source>
      <translation>F1 دقیق</translation>
    </message>
    <message>
      <source>F1 overlap</source>
      <translation>F1 هم‌پوشانی</translation>
    </message>
    <message>
      <source>Agreement (an undefined figure is drawn as 0 and shown as – below)</source>
      <translation>توافق (رقم تعریف‌نشده با ۰ رسم و در جدول زیر با – نشان داده می‌شود)</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>برچسب</translation>
    </message>
    <message>
      <source>Tokens</source>
      <translation>واژه‌ها</translation>
    </message>
    <message>
      <source>Stance polarity</source>
      <translation>جهت موضع</translation>
    </message>
    <message>
      <source>agreement %s</source>
      <translation>توافق %s</translation>
    </message>
    <message>
      <source>%d pair(s)</source>
      <translation>%d جفت</translation>
    </message>
    <message>
      <source>favor</source>
      <translation>موافق</translation>
    </message>
    <message>
      <source>against</source>
      <translation>مخالف</translation>
    </message>
    <message>
      <source>neutral</source>
      <translation>بی‌طرف</translation>
    </message>
    <message>
      <source>no polarity</source>
      <translation>بی‌جهت</translation>
    </message>
    <message>
      <source>Stance marks</source>
      <translation>نشان‌های موضع</translation>
    </message>
  </context>
  <context>
    <name>DisagreementsModel</name>
    <message>
      <source>#</source>
      <translation>#</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>متن</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>برچسب</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>نوع</translation>
    </message>
    <message>
      <source>In gold</source>
      <translation>در مرجع</translation>
    </message>
    <message>
      <source>edited</source>
      <translation>ویرایش‌شده</translation>
    </message>
  </context>
  <context>
    <name>StanceModel</name>
    <message>
      <source>Holder</source>
      <translation>دارندهٔ موضع</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>موضوع</translation>
    </message>
    <message>
      <source>Favor</source>
      <translation>موافق</translation>
    </message>
    <message>
      <source>Against</source>
      <translation>مخالف</translation>
    </message>
    <message>
      <source>Neutral</source>
      <translation>بی‌طرف</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>دیگر</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>جمع</translation>
    </message>
    <message>
      <source>(no holder)</source>
      <translation>(بی‌دارنده)</translation>
    </message>
    <message>
      <source>(no target)</source>
      <translation>(بی‌موضوع)</translation>
    </message>
  </context>
  <context>
    <name>TeamTools</name>
    <message>
      <source>Tea&amp;m</source>
      <translation>&amp;گروه</translation>
    </message>
    <message>
      <source>Adjudicate…</source>
      <translation>داوری…</translation>
    </message>
    <message>
      <source>Dashboard…</source>
      <translation>داشبورد…</translation>
    </message>
    <message>
      <source>Share project…</source>
      <translation>هم‌رسانی پروژه…</translation>
    </message>
    <message>
      <source>Merge files…</source>
      <translation>ادغام پرونده‌ها…</translation>
    </message>
    <message>
      <source>Open a document to adjudicate first.</source>
      <translation>نخست سندی را برای داوری باز کنید.</translation>
    </message>
    <message>
      <source>Share project</source>
      <translation>هم‌رسانی پروژه</translation>
    </message>
    <message>
      <source>Annotator projects (*.annot)</source>
      <translation>پروژه‌های Annotator (*.annot)</translation>
    </message>
    <message>
      <source>Nothing was shared</source>
      <translation>چیزی هم‌رسانی نشد</translation>
    </message>
    <message>
      <source>Project shared</source>
      <translation>پروژه هم‌رسانی شد</translation>
    </message>
    <message>
      <source>Wrote a checked copy of the project to %s.
Give it to an analyst; merge their copy back with Team → Merge files….</source>
      <translation>رونوشتی وارسی‌شده از پروژه در %s نوشته شد.
آن را به یک تحلیلگر بدهید؛ رونوشت او را با گروه ← ادغام پرونده‌ها… برگردانید.</translation>
    </message>
    <message>
      <source>Merge analysts' files</source>
      <translation>ادغام پرونده‌های تحلیلگران</translation>
    </message>
    <message>
      <source>This project is open read-only; nothing can be merged into it.</source>
      <translation>این پروژه فقط‌خواندنی باز است؛ چیزی را نمی‌توان در آن ادغام کرد.</translation>
    </message>
    <message>
      <source>Nothing was merged</source>
      <translation>چیزی ادغام نشد</translation>
    </message>
    <message>
      <source>Nothing was merged; the project is unchanged.</source>
      <translation>چیزی ادغام نشد؛ پروژه دست‌نخورده است.</translation>
    </message>
    <message>
      <source>Merge</source>
      <translation>ادغام</translation>
    </message>
    <message>
      <source>documents</source>
      <translation>سندها</translation>
    </message>
    <message>
      <source>marks</source>
      <translation>نشان‌ها</translation>
    </message>
    <message>
      <source>links</source>
      <translation>پیوندها</translation>
    </message>
    <message>
      <source>speakers</source>
      <translation>گویندگان</translation>
    </message>
    <message>
      <source>statuses</source>
      <translation>وضعیت‌ها</translation>
    </message>
    <message>
      <source>Merged %d file(s).</source>
      <translation>%d پرونده ادغام شد.</translation>
    </message>
    <message>
      <source>%s: %d added, %d updated, %d unchanged, %d in conflict, %d refused</source>
      <translation>%s: %d افزوده، %d به‌روز، %d بی‌تغییر، %d در تعارض، %d پذیرفته‌نشده</translation>
    </message>
    <message>
      <source>refused %s %s from %s: %s</source>
      <translation>پذیرفته نشد: %s %s از %s: %s</translation>
    </message>
    <message>
      <source>Review the conflicts in Team → Adjudicate… (Merge conflicts).</source>
      <translation>تعارض‌ها را در گروه ← داوری… (تعارض‌های ادغام) بررسی کنید.</translation>
    </message>
    <message>
      <source>A merge cannot be undone; the undo history was cleared.</source>
      <translation>ادغام واگرد ندارد؛ تاریخچهٔ واگرد پاک شد.</translation>
    </message>
  </context>
  <context>
    <name>adjudication</name>
    <message>
      <source>agreed</source>
      <translation>هم‌نظر</translation>
    </message>
    <message>
      <source>missing</source>
      <translation>جاافتاده</translation>
    </message>
    <message>
      <source>other label</source>
      <translation>برچسب دیگر</translation>
    </message>
    <message>
      <source>bounds</source>
      <translation>مرزها</translation>
    </message>
    <message>
      <source>attributes</source>
      <translation>ویژگی‌ها</translation>
    </message>
  </context>
</TS>