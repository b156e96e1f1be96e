// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli changing cards: add, edit (with versions and operation ids), move, comment, checklist, attachments.
#include "clitestcase.h"

using namespace hb::tests;
using namespace hb::tests::cli;

class tst_CliCards : public CliTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    // add, edit
    void shouldPrintNewCardIdOnAdd();
    void shouldStoreDueDate_data();
    void shouldStoreDueDate();
    void shouldEditEachField_data();
    void shouldEditEachField();
    void shouldAcceptEditWithCurrentVersion();
    void shouldReportConflictWhenSameFieldChangedSinceExpectedVersion();
    void shouldMergeEditOfDifferentFieldChangedSinceExpectedVersion();
    void shouldApplyOperationIdOnlyOnce();

    // move, comment, checklist, attachments
    void shouldMoveCardToColumnBeforeAndAfterOthers();
    void shouldAddCommentFromTextAndStandardInput();
    void shouldTickAndUntickChecklistItems();
    void shouldListTemplatesAndFillAChecklistFromOne();
    void shouldStoreAttachmentAndSaveItBackIdentical();
    void shouldLinkFileOnShare();
    void shouldRejectAttachmentLargerThanBoardLimit();
};

// --- add, edit -----------------------------------------------------------------------------------------------

void tst_CliCards::shouldPrintNewCardIdOnAdd()
{
    QVERIFY(useDemoBoard());
    const int before = cardCount();

    // WHEN a card is added with every option
    const CliRun added = runAs(s_admin, {u"add"_s,
                                         u"--title"_s,
                                         u"Printer smokes"_s,
                                         u"--column"_s,
                                         u"doing"_s,
                                         u"--priority"_s,
                                         u"high"_s,
                                         u"--due"_s,
                                         u"2030-01-02"_s,
                                         u"--assignee"_s,
                                         u"chloe"_s,
                                         u"--label"_s,
                                         u"Hardware"_s,
                                         u"--label"_s,
                                         u"network"_s,
                                         u"--requester"_s,
                                         u"Sofia Rossi (Sales)"_s,
                                         u"--channel"_s,
                                         u"walk-in"_s,
                                         u"--description"_s,
                                         u"Smoke from tray 2.\nUnplugged it."_s});

    // THEN stdout is just the new id
    QVERIFY_SUCCEEDS(added);
    QVERIFY2(QRegularExpression(u"^[0-9]+\n$"_s).match(QString::fromUtf8(added.out)).hasMatch(), added.out.constData());
    const qint64 id = added.outLine().toLongLong();
    QCOMPARE(cardCount(), before + 1);
    QVERIFY(idsOf(list({})).contains(id));

    // ... and every field was stored
    const QJsonObject card = show(id);
    QCOMPARE(card[u"id"_s].toInteger(), id);
    QCOMPARE(card[u"version"_s].toInteger(), 1);
    QCOMPARE(card[u"title"_s].toString(), u"Printer smokes"_s);
    QCOMPARE(card[u"column"_s].toString(), u"Doing"_s);
    QCOMPARE(card[u"priority"_s].toString(), u"high"_s);
    QCOMPARE(card[u"due"_s].toString(), jsonTime(QDateTime(QDate(2030, 1, 2), QTime(23, 59))));
    QCOMPARE(card[u"assignee"_s].toString(), u"chloe"_s);
    QCOMPARE(stringsOf(card[u"labels"_s].toArray()), (QStringList{u"Hardware"_s, u"Network"_s}));
    QCOMPARE(card[u"requester"_s].toString(), u"Sofia Rossi (Sales)"_s);
    QCOMPARE(card[u"channel"_s].toString(), u"walk-in"_s);
    QCOMPARE(card[u"description"_s].toString(), u"Smoke from tray 2.\nUnplugged it."_s);
    QVERIFY(card[u"status"_s].isNull());
    QCOMPARE(card[u"created_by"_s].toString(), s_admin);

    // ... and a card with only a title goes to the first column with defaults
    const qint64 plain = addCard({u"--title"_s, u"Just a title"_s});
    QVERIFY(plain > id);
    const QJsonObject defaults = show(plain);
    QCOMPARE(defaults[u"column"_s].toString(), u"To-do"_s);
    QCOMPARE(defaults[u"priority"_s].toString(), u"normal"_s);
    QCOMPARE(defaults[u"description"_s].toString(), QString());
    QVERIFY(defaults[u"assignee"_s].isNull());
    QVERIFY(defaults[u"due"_s].isNull());
    QVERIFY(defaults[u"channel"_s].isNull());
    QCOMPARE(defaults[u"labels"_s].toArray().size(), 0);
}

void tst_CliCards::shouldStoreDueDate_data()
{
    QTest::addColumn<QString>("due");
    QTest::addColumn<QString>("stored");

    QTest::newRow("date means the end of that day")
            << u"2030-01-02"_s << jsonTime(QDateTime(QDate(2030, 1, 2), QTime(23, 59)));
    QTest::newRow("date-time in UTC") << u"2030-01-02T10:30:00Z"_s << u"2030-01-02T10:30:00.000Z"_s;
    QTest::newRow("date-time with offset") << u"2030-01-02T10:30:00+02:00"_s << u"2030-01-02T08:30:00.000Z"_s;
    QTest::newRow("date-time with milliseconds") << u"2030-01-02T10:30:00.250Z"_s << u"2030-01-02T10:30:00.250Z"_s;
    QTest::newRow("local date-time") << u"2030-01-02T10:30"_s << jsonTime(QDateTime(QDate(2030, 1, 2), QTime(10, 30)));
}

void tst_CliCards::shouldStoreDueDate()
{
    QFETCH(QString, due);
    QFETCH(QString, stored);
    QVERIFY(useDemoBoard());

    const qint64 id = addCard({u"--title"_s, u"Due"_s, u"--due"_s, due});
    QVERIFY(id);
    QCOMPARE(show(id)[u"due"_s].toString(), stored);

    // ... and edit reads it the same way
    const qint64 other = addCard({u"--title"_s, u"Due later"_s});
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"edit"_s, QString::number(other), u"--due"_s, due}));
    QCOMPARE(show(other)[u"due"_s].toString(), stored);
}

void tst_CliCards::shouldEditEachField_data()
{
    QTest::addColumn<QStringList>("edit");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("stored");

    QTest::newRow("title") << QStringList{u"--title"_s, u"Printer fixed"_s} << u"title"_s
                           << QJsonValue(u"Printer fixed"_s);
    QTest::newRow("description") << QStringList{u"--description"_s, u"New toner.\nTested."_s} << u"description"_s
                                 << QJsonValue(u"New toner.\nTested."_s);
    QTest::newRow("priority") << QStringList{u"--priority"_s, u"critical"_s} << u"priority"_s
                              << QJsonValue(u"critical"_s);
    QTest::newRow("due") << QStringList{u"--due"_s, u"2031-05-06T07:08:09Z"_s} << u"due"_s
                         << QJsonValue(u"2031-05-06T07:08:09.000Z"_s);
    QTest::newRow("no due") << QStringList{u"--no-due"_s} << u"due"_s << QJsonValue();
    QTest::newRow("assignee") << QStringList{u"--assignee"_s, u"dev"_s} << u"assignee"_s << QJsonValue(u"dev"_s);
    QTest::newRow("unassign") << QStringList{u"--unassign"_s} << u"assignee"_s << QJsonValue();
    QTest::newRow("status") << QStringList{u"--status"_s, u"needs-review"_s} << u"status"_s
                            << QJsonValue(u"needs-review"_s);
    QTest::newRow("status none") << QStringList{u"--status"_s, u"none"_s} << u"status"_s << QJsonValue();
    QTest::newRow("waiting on the requester")
            << QStringList{u"--status"_s, u"waiting-requester"_s} << u"status"_s << QJsonValue(u"waiting-requester"_s);
    QTest::newRow("waiting on a vendor") << QStringList{u"--status"_s, u"waiting-vendor"_s} << u"status"_s
                                         << QJsonValue(u"waiting-vendor"_s);
    QTest::newRow("requester") << QStringList{u"--requester"_s, u"Kim Lee"_s} << u"requester"_s
                               << QJsonValue(u"Kim Lee"_s);
    QTest::newRow("channel") << QStringList{u"--channel"_s, u"email"_s} << u"channel"_s << QJsonValue(u"email"_s);
    QTest::newRow("channel none") << QStringList{u"--channel"_s, u"none"_s} << u"channel"_s << QJsonValue();
}

void tst_CliCards::shouldEditEachField()
{
    QFETCH(QStringList, edit);
    QFETCH(QString, field);
    QFETCH(QJsonValue, stored);

    // GIVEN a card with every field set
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Printer jams"_s, u"--description"_s, u"Tray 2"_s, u"--priority"_s,
                               u"high"_s, u"--due"_s, u"2030-01-02T10:00:00Z"_s, u"--assignee"_s, u"chloe"_s,
                               u"--requester"_s, u"Sofia"_s, u"--channel"_s, u"phone"_s});
    QVERIFY(id);
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"edit"_s, QString::number(id), u"--status"_s, u"blocked"_s}));
    const QJsonObject before = show(id);
    QVERIFY(before[field] != stored);

    // WHEN one field is edited
    const CliRun edited = runAs(s_admin, QStringList{u"edit"_s, QString::number(id)} + edit);

    // THEN the new version is printed, that field changed and no other did
    QVERIFY_SUCCEEDS(edited);
    const qint64 version = before[u"version"_s].toInteger() + 1;
    QCOMPARE(edited.outLine(), QString::number(version));
    QJsonObject after = show(id);
    QCOMPARE(after[u"version"_s].toInteger(), version);
    QCOMPARE(after[field], stored);
    for (const QString &key : {u"title"_s, u"description"_s, u"priority"_s, u"due"_s, u"assignee"_s, u"status"_s,
                               u"requester"_s, u"channel"_s, u"column"_s, u"labels"_s}) {
        if (key != field)
            QVERIFY2(after[key] == before[key], qPrintable(key));
    }
}

void tst_CliCards::shouldAcceptEditWithCurrentVersion()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"VPN drops"_s});
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"edit"_s, QString::number(id), u"--priority"_s, u"low"_s}));
    const qint64 version = versionOf(id);
    QCOMPARE(version, 2);

    const CliRun edited = runAs(s_admin, {u"edit"_s, QString::number(id), u"--title"_s, u"VPN drops hourly"_s,
                                          u"--expect-version"_s, QString::number(version)});

    QVERIFY_SUCCEEDS(edited);
    QCOMPARE(edited.outLine(), QString::number(version + 1));
    QCOMPARE(show(id)[u"title"_s].toString(), u"VPN drops hourly"_s);
}

void tst_CliCards::shouldReportConflictWhenSameFieldChangedSinceExpectedVersion()
{
    // GIVEN a card read at version 1, then retitled by someone else
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"VPN drops"_s});
    const qint64 readVersion = versionOf(id);
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"edit"_s, QString::number(id), u"--title"_s, u"Ben's title"_s}));
    const QByteArray before = sha256Of(m_board);

    // WHEN the title is edited against the stale version
    const CliRun stale = runAs(s_admin, {u"edit"_s, QString::number(id), u"--title"_s, u"Alice's title"_s,
                                         u"--expect-version"_s, QString::number(readVersion)});

    // THEN it is a conflict and the other person's title stays
    QVERIFY_FAILS_WITH(stale, Conflict);
    QCOMPARE(show(id)[u"title"_s].toString(), u"Ben's title"_s);
    QCOMPARE(sha256Of(m_board), before);

    // ... and a move against a version from before someone else's move is a conflict too
    const qint64 beforeMove = versionOf(id);
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"move"_s, QString::number(id), u"--to"_s, u"Doing"_s}));
    const QByteArray moved = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"move"_s, QString::number(id), u"--to"_s, u"Done"_s, u"--expect-version"_s,
                                       QString::number(beforeMove)}),
                       Conflict);
    QCOMPARE(show(id)[u"column"_s].toString(), u"Doing"_s);
    QCOMPARE(sha256Of(m_board), moved);
}

void tst_CliCards::shouldMergeEditOfDifferentFieldChangedSinceExpectedVersion()
{
    // GIVEN a card read at version 1, then reprioritised by someone else
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"VPN drops"_s});
    const qint64 readVersion = versionOf(id);
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"edit"_s, QString::number(id), u"--priority"_s, u"critical"_s}));

    // WHEN the title is edited against the stale version
    const CliRun edited = runAs(s_admin, {u"edit"_s, QString::number(id), u"--title"_s, u"VPN drops hourly"_s,
                                          u"--expect-version"_s, QString::number(readVersion)});

    // THEN both changes are kept
    QVERIFY_SUCCEEDS(edited);
    const QJsonObject card = show(id);
    QCOMPARE(card[u"title"_s].toString(), u"VPN drops hourly"_s);
    QCOMPARE(card[u"priority"_s].toString(), u"critical"_s);
    QCOMPARE(edited.outLine(), QString::number(card[u"version"_s].toInteger()));
    QCOMPARE(card[u"version"_s].toInteger(), readVersion + 2);
}

void tst_CliCards::shouldApplyOperationIdOnlyOnce()
{
    QVERIFY(useDemoBoard());
    const int before = cardCount();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QStringList add{u"--board"_s, m_board,      u"--as"_s,
                          s_admin,      u"--op-id"_s, opId,
                          u"add"_s,     u"--title"_s, u"Retried by a script"_s};

    // WHEN the same operation runs twice (a script retrying after a lost answer)
    const CliRun first = run(add);
    const CliRun second = run(add);

    // THEN one card exists and both runs name it
    QVERIFY_SUCCEEDS(first);
    QVERIFY_SUCCEEDS(second);
    QVERIFY(first.outLine().toLongLong() > 0);
    QCOMPARE(second.outLine(), first.outLine());
    QCOMPARE(cardCount(), before + 1);

    // ... and a fresh operation id is a new card
    QVERIFY(addCard({u"--title"_s, u"Retried by a script"_s}) > first.outLine().toLongLong());
    QCOMPARE(cardCount(), before + 2);
}

// --- move, comment, checklist, attachments ------------------------------------------------------------------

void tst_CliCards::shouldMoveCardToColumnBeforeAndAfterOthers()
{
    QVERIFY(useDemoBoard());
    const qint64 a = addCard({u"--title"_s, u"A"_s});
    const qint64 b = addCard({u"--title"_s, u"B"_s});
    const qint64 c = addCard({u"--title"_s, u"C"_s});
    QVERIFY(a && b && c);
    const auto lastThreeInDone = [&] {
        const QList<qint64> ids = idsOf(list({u"--column"_s, u"Done"_s}));
        return ids.size() < 3 ? ids : ids.mid(ids.size() - 3);
    };

    // WHEN A goes to Done (at the end), B before A, C after B
    const CliRun moved = runAs(s_admin, {u"move"_s, QString::number(a), u"--to"_s, u"Done"_s});
    QVERIFY_SUCCEEDS(moved);
    QCOMPARE(moved.outLine(), QString::number(versionOf(a)));
    QCOMPARE(idsOf(list({u"--column"_s, u"Done"_s})).constLast(), a);
    QVERIFY_SUCCEEDS(
            runAs(s_admin, {u"move"_s, QString::number(b), u"--to"_s, u"Done"_s, u"--before"_s, QString::number(a)}));
    QVERIFY_SUCCEEDS(
            runAs(s_admin, {u"move"_s, QString::number(c), u"--to"_s, u"Done"_s, u"--after"_s, QString::number(b)}));

    // THEN Done ends with B, C, A and To-do no longer has them
    QCOMPARE(lastThreeInDone(), (QList<qint64>{b, c, a}));
    QCOMPARE(show(c)[u"column"_s].toString(), u"Done"_s);
    const QList<qint64> todo = idsOf(list({u"--column"_s, u"To-do"_s}));
    QVERIFY(!todo.contains(a) && !todo.contains(b) && !todo.contains(c));

    // ... and moving inside a column reorders it
    QVERIFY_SUCCEEDS(
            runAs(s_admin, {u"move"_s, QString::number(a), u"--to"_s, u"Done"_s, u"--before"_s, QString::number(b)}));
    QCOMPARE(lastThreeInDone(), (QList<qint64>{a, b, c}));
}

void tst_CliCards::shouldAddCommentFromTextAndStandardInput()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Outlook asks for password"_s});

    const CliRun fromText = runAs(s_admin, {u"comment"_s, QString::number(id), u"--text"_s, u"Called back."_s});
    const QByteArray piped = "Reset the credential cache.\nUser confirms it works: “great”.\n";
    const CliRun fromStdin = runAs(s_editor, {u"comment"_s, QString::number(id), u"--text"_s, u"-"_s}, piped);

    QVERIFY_SUCCEEDS(fromText);
    QVERIFY_SUCCEEDS(fromStdin);
    QVERIFY(fromText.outLine().toLongLong() > 0);
    QVERIFY(fromStdin.outLine().toLongLong() > fromText.outLine().toLongLong());
    const QJsonObject card = show(id);
    QCOMPARE(card[u"comment_count"_s].toInt(), 2);
    const QJsonArray comments = card[u"comments"_s].toArray();
    QCOMPARE(comments.size(), 2);
    QCOMPARE(comments.at(0)[u"text"_s].toString(), u"Called back."_s);
    QCOMPARE(comments.at(0)[u"author"_s].toString(), s_admin);
    QCOMPARE(comments.at(0)[u"id"_s].toInteger(), fromText.outLine().toLongLong());
    QCOMPARE(comments.at(1)[u"text"_s].toString(), QString::fromUtf8(piped.chopped(1))); // echo's newline dropped
    QCOMPARE(comments.at(1)[u"author"_s].toString(), s_editor);
}

void tst_CliCards::shouldListTemplatesAndFillAChecklistFromOne()
{
    QVERIFY(useDemoBoard());
    // GIVEN the board's templates, as JSON and as text
    const CliRun listed = runAs(s_viewer, {u"templates"_s, u"--json"_s});
    QVERIFY_SUCCEEDS(listed);
    const QJsonArray templates = parseJson(listed.out).toArray();
    QCOMPARE(templates.size(), 4);
    QJsonObject install;
    for (const QJsonValue &each : templates) {
        QVERIFY(each[u"id"_s].toInteger() > 0);
        QVERIFY(!each[u"items"_s].toArray().isEmpty());
        QVERIFY(each[u"updated"_s].toString().endsWith(u'Z'));
        if (each[u"name"_s].toString() == u"Software install")
            install = each.toObject();
    }
    QVERIFY(!install.isEmpty());
    const CliRun text = runAs(s_viewer, {u"templates"_s});
    QVERIFY_SUCCEEDS(text);
    QVERIFY2(text.out.contains("Software install  (5 item(s))\n  - "), text.out);

    // WHEN an editor fills a card's checklist from one, named in any case
    const qint64 id = addCard({u"--title"_s, u"Install Visio"_s});
    const QString card = QString::number(id);
    const CliRun applied = runAs(s_editor, {u"checklist"_s, card, u"--template"_s, u"software INSTALL"_s});
    QVERIFY_SUCCEEDS(applied);

    // THEN it prints the new items' ids, and the card has the template's items in order
    const QStringList ids = QString::fromUtf8(applied.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(ids.size(), install[u"items"_s].toArray().size());
    const QJsonArray checklist = show(id)[u"checklist"_s].toArray();
    QCOMPARE(checklist.size(), ids.size());
    for (int i = 0; i < checklist.size(); ++i) {
        QCOMPARE(checklist.at(i)[u"id"_s].toInteger(), ids.at(i).toLongLong());
        QCOMPARE(checklist.at(i)[u"text"_s].toString(), install[u"items"_s].toArray().at(i).toString());
    }
    QVERIFY(exportBoard().value(u"checklist_templates"_s).toArray().size() == 4);

    // AND an unknown template names the ones there are; a viewer may not; nothing changes either way
    const CliRun unknown = runAs(s_editor, {u"checklist"_s, card, u"--template"_s, u"Coffee machine"_s});
    QVERIFY_FAILS_WITH(unknown, Invalid);
    QVERIFY2(unknown.err.contains("Password reset"), unknown.err);
    QVERIFY_FAILS_WITH(runAs(s_viewer, {u"checklist"_s, card, u"--template"_s, u"Password reset"_s}), Forbidden);
    QVERIFY_FAILS_WITH(
            runAs(s_editor, {u"checklist"_s, card, u"--template"_s, u"Password reset"_s, u"--add"_s, u"x"_s}), Usage);
    QCOMPARE(show(id)[u"checklist"_s].toArray().size(), ids.size());
}

void tst_CliCards::shouldTickAndUntickChecklistItems()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"New starter"_s});
    const QString card = QString::number(id);
    for (const QString &text : {u"Create account"_s, u"Order laptop"_s, u"Add to mailing lists"_s}) {
        const CliRun added = runAs(s_admin, {u"checklist"_s, card, u"--add"_s, text});
        QVERIFY_SUCCEEDS(added);
        QVERIFY(added.outLine().toLongLong() > 0);
    }
    const auto doneFlags = [&] {
        QList<bool> flags;
        for (const QJsonValue &item : show(id)[u"checklist"_s].toArray())
            flags << item[u"done"_s].toBool();
        return flags;
    };
    QCOMPARE(doneFlags(), (QList<bool>{false, false, false}));

    QVERIFY_SUCCEEDS(runAs(s_admin, {u"checklist"_s, card, u"--tick"_s, u"2"_s}));
    QCOMPARE(doneFlags(), (QList<bool>{false, true, false}));
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"checklist"_s, card, u"--tick"_s, u"3"_s}));
    QCOMPARE(doneFlags(), (QList<bool>{false, true, true}));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"checklist"_s, card, u"--untick"_s, u"2"_s}));
    QCOMPARE(doneFlags(), (QList<bool>{false, false, true}));

    const QJsonObject shown = show(id);
    QCOMPARE(shown[u"checklist_done"_s].toInt(), 1);
    QCOMPARE(shown[u"checklist_total"_s].toInt(), 3);
    const QJsonObject third = shown[u"checklist"_s].toArray().at(2).toObject();
    QCOMPARE(third[u"position"_s].toInt(), 3);
    QCOMPARE(third[u"text"_s].toString(), u"Add to mailing lists"_s);
    QCOMPARE(third[u"done_by"_s].toString(), s_editor);

    // Positions past either end are not found, and nothing changes
    const QByteArray before = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"checklist"_s, card, u"--tick"_s, u"4"_s}), Invalid);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"checklist"_s, card, u"--untick"_s, u"0"_s}), Invalid);
    QCOMPARE(sha256Of(m_board), before);
}

void tst_CliCards::shouldStoreAttachmentAndSaveItBackIdentical()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Install package for Finance"_s});

    // GIVEN a few hundred KiB of random bytes (more than one chunk)
    QList<quint32> words(300 * 1024 / 4 + 7);
    QRandomGenerator::global()->fillRange(words.data(), words.size());
    const QByteArray content(reinterpret_cast<const char *>(words.constData()), words.size() * 4);
    const QString original = m_dir->filePath(u"installer.bin"_s);
    QVERIFY(writeFile(original, content));

    // WHEN it is attached
    const CliRun attached = runAs(s_admin, {u"attach"_s, QString::number(id), original});

    // THEN the attachment id is printed and the card lists the file with its size and hash
    QVERIFY_SUCCEEDS(attached);
    const qint64 attachmentId = attached.outLine().toLongLong();
    QVERIFY(attachmentId > 0);
    const QJsonObject card = show(id);
    QCOMPARE(card[u"attachment_count"_s].toInt(), 1);
    const QJsonObject attachment = card[u"attachments"_s].toArray().at(0).toObject();
    QCOMPARE(attachment[u"id"_s].toInteger(), attachmentId);
    QCOMPARE(attachment[u"kind"_s].toString(), u"file"_s);
    QCOMPARE(attachment[u"name"_s].toString(), u"installer.bin"_s);
    QCOMPARE(attachment[u"size"_s].toInteger(), qint64(content.size()));
    QCOMPARE(attachment[u"sha256"_s].toString().toLatin1(), sha256Of(original));

    // ... and saving it back gives the same bytes
    const QString copy = m_dir->filePath(u"copy.bin"_s);
    QVERIFY_SUCCEEDS(runAs(s_viewer, {u"save-attachment"_s, QString::number(attachmentId), copy}));
    QCOMPARE(sha256Of(copy), sha256Of(original));

    // ... but never over an existing file
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"save-attachment"_s, QString::number(attachmentId), original}), Invalid);
    QCOMPARE(sha256Of(original), sha256Of(copy));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

void tst_CliCards::shouldLinkFileOnShare()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Scanner manual"_s});

    const CliRun linked =
            runAs(s_admin, {u"attach"_s, QString::number(id), u"--link"_s, u"/srv/share/manuals/scanner.pdf"_s});

    QVERIFY_SUCCEEDS(linked);
    const QJsonObject attachment = show(id)[u"attachments"_s].toArray().at(0).toObject();
    QCOMPARE(attachment[u"id"_s].toInteger(), linked.outLine().toLongLong());
    QCOMPARE(attachment[u"kind"_s].toString(), u"link"_s);
    QCOMPARE(attachment[u"link"_s].toString(), u"/srv/share/manuals/scanner.pdf"_s);
    QCOMPARE(attachment[u"name"_s].toString(), u"scanner.pdf"_s);
}

void tst_CliCards::shouldRejectAttachmentLargerThanBoardLimit()
{
    // GIVEN a board whose admin set a 4 KiB attachment limit
    QVERIFY(useDemoBoard());
    {
        hb::storage::StoreOptions options;
        options.login = s_admin;
        auto store = hb::storage::BoardStore::open(m_board, options);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        const auto set = store.value()->setSetting(u"attachment_limit_bytes"_s, u"4096"_s);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().message));
    }
    const qint64 id = addCard({u"--title"_s, u"Screenshot"_s});
    const QString big = m_dir->filePath(u"big.png"_s);
    QVERIFY(writeFile(big, QByteArray(4097, 'x')));
    const QByteArray before = sha256Of(m_board);

    // WHEN a larger file is attached, THEN it is refused and nothing is recorded
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"attach"_s, QString::number(id), big}), Invalid);
    QCOMPARE(show(id)[u"attachments"_s].toArray().size(), 0);
    QCOMPARE(sha256Of(m_board), before);

    // ... while a file within the limit is fine
    const QString small = m_dir->filePath(u"small.png"_s);
    QVERIFY(writeFile(small, QByteArray(4096, 'y')));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"attach"_s, QString::number(id), small}));
    QCOMPARE(show(id)[u"attachments"_s].toArray().size(), 1);
}

QTEST_GUILESS_MAIN(tst_CliCards)

#include "tst_clicards.moc"
