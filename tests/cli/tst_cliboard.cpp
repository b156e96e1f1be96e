// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli on a whole board: init, columns, list, show, archive, members and roles, export, verify, backup.
#include "clitestcase.h"

using namespace hb::tests;
using namespace hb::tests::cli;

class tst_CliBoard : public CliTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    // init, columns
    void shouldCreateBoardAndPrintItsPath();
    void shouldRefuseToInitOverExistingFile();
    void shouldRefuseToInitInMissingFolder();
    void shouldCreateDemoBoardWithThreeColumnsFiveLabelsAndCards();
    void shouldListColumnsAsTableAndJson();

    // list, show, archive
    void shouldListCardsMatchingFilter_data();
    void shouldListCardsMatchingFilter();
    void shouldPrintListAsTable();
    void shouldShowCardWithChecklistLabelsCommentsAttachmentsAndHistory();
    void shouldArchiveAndRestoreCard();

    // members and roles
    void shouldListAddAndRemoveMembers();
    void shouldForbidEditorToChangeMembers();
    void shouldForbidViewerToChangeCards_data();
    void shouldForbidViewerToChangeCards();

    // export, verify, backup
    void shouldExportBoardToStandardOutputAndFile();
    void shouldReportFileSystemErrorWhenExportCannotBeWritten();
    void shouldVerifySoundBoard();
    void shouldBackUpToNewFileOnly();
};

// --- init, columns -----------------------------------------------------------------------------------------------

void tst_CliBoard::shouldCreateBoardAndPrintItsPath()
{
    // WHEN
    const CliRun made = runAs(s_admin, {u"init"_s, u"--name"_s, u"Second line"_s});

    // THEN the file exists, its path is printed, and it is an empty board with the creator as admin
    QVERIFY_SUCCEEDS(made);
    QCOMPARE(made.outLine(), QFileInfo(m_board).absoluteFilePath());
    QVERIFY(QFileInfo::exists(m_board));
    const QJsonObject board = exportBoard();
    QCOMPARE(board.value(u"board"_s).toString(), u"Second line"_s);
    QCOMPARE(board.value(u"cards"_s).toArray().size(), 0);
    const QJsonArray members = board.value(u"members"_s).toArray();
    QCOMPARE(members.size(), 1);
    QCOMPARE(members.at(0)[u"login"_s].toString(), s_admin);
    QCOMPARE(members.at(0)[u"role"_s].toString(), u"admin"_s);
    QVERIFY(!board.value(u"columns"_s).toArray().isEmpty());
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

void tst_CliBoard::shouldRefuseToInitOverExistingFile()
{
    // GIVEN a board
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);

    // WHEN init runs on it, with or without --demo, THEN it refuses and the file is byte-identical
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"init"_s}), Invalid);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"init"_s, u"--demo"_s}), Invalid);
    QCOMPARE(sha256Of(m_board), before);

    // ... and the same for a file that is not a board at all
    const QString other = m_dir->filePath(u"notes.txt"_s);
    QVERIFY(writeFile(other, "my notes\n"));
    QVERIFY_FAILS_WITH(run({u"--board"_s, other, u"--as"_s, s_admin, u"init"_s}), Invalid);
    QCOMPARE(sha256Of(other), QCryptographicHash::hash("my notes\n", QCryptographicHash::Sha256).toHex());
}

void tst_CliBoard::shouldRefuseToInitInMissingFolder()
{
    const QString folder = m_dir->filePath(u"no/such/folder"_s);
    QVERIFY_FAILS_WITH(run({u"--board"_s, folder + u"/board.helpboard"_s, u"--as"_s, s_admin, u"init"_s}), Invalid);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"no"_s)));
}

void tst_CliBoard::shouldCreateDemoBoardWithThreeColumnsFiveLabelsAndCards()
{
    QVERIFY(useDemoBoard());
    const QJsonObject board = exportBoard();

    QStringList columns;
    QStringList kinds;
    for (const QJsonValue &column : board.value(u"columns"_s).toArray()) {
        columns << column[u"name"_s].toString();
        kinds << column[u"kind"_s].toString();
    }
    QCOMPARE(columns, (QStringList{u"To-do"_s, u"Doing"_s, u"Done"_s}));
    QCOMPARE(kinds, (QStringList{u"todo"_s, u"doing"_s, u"done"_s}));
    QCOMPARE(board.value(u"labels"_s).toArray().size(), 5);
    const qsizetype cards = board.value(u"cards"_s).toArray().size();
    QVERIFY2(cards >= 20 && cards <= 30, qPrintable(QString::number(cards)));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

void tst_CliBoard::shouldListColumnsAsTableAndJson()
{
    QVERIFY(useDemoBoard());
    QHash<qint64, int> expectedCounts;
    for (const QJsonValue &card : exportedCards()) {
        if (card[u"archived"_s].isNull())
            ++expectedCounts[card[u"column_id"_s].toInteger()];
    }

    // WHEN
    const CliRun json = runAs(s_admin, {u"columns"_s, u"--json"_s});

    // THEN every column has the documented fields, and card_count counts its cards
    QVERIFY_SUCCEEDS(json);
    const QJsonArray columns = parseJson(json.out).toArray();
    QCOMPARE(columns.size(), 3);
    for (const QJsonValue &value : columns) {
        const QJsonObject column = value.toObject();
        for (const QString &key : {u"id"_s, u"name"_s, u"kind"_s, u"wip_limit"_s, u"card_count"_s, u"version"_s})
            QVERIFY2(column.contains(key), qPrintable(key));
        QVERIFY(column[u"id"_s].toInteger() > 0);
        QVERIFY(column[u"version"_s].toInteger() >= 1);
        QVERIFY(column[u"wip_limit"_s].isDouble() && column[u"wip_limit"_s].toInt() >= 0);
        QCOMPARE(column[u"card_count"_s].toInt(), expectedCounts.value(column[u"id"_s].toInteger()));
    }

    // ... and the table has a header and one line per column
    const CliRun table = runAs(s_admin, {u"columns"_s});
    QVERIFY_SUCCEEDS(table);
    const QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).contains(u"NAME"_s));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(lines.at(i + 1).contains(columns.at(i)[u"name"_s].toString()));
        QVERIFY(lines.at(i + 1).contains(QString::number(columns.at(i)[u"card_count"_s].toInt())));
    }
}

// --- list, show, archive ------------------------------------------------------------------------------------

void tst_CliBoard::shouldListCardsMatchingFilter_data()
{
    QTest::addColumn<QStringList>("filter");
    QTest::addColumn<CardRule>("rule");
    QTest::addColumn<bool>("narrows"); ///< the demo board has some cards that match and some that do not

    QTest::newRow("column") << QStringList{u"--column"_s, u"Doing"_s} << fieldIs(u"column"_s, u"Doing"_s) << true;
    QTest::newRow("overdue") << QStringList{u"--overdue"_s} << CardRule(isOpenAndOverdue) << true;
    QTest::newRow("due soon") << QStringList{u"--due-soon"_s} << CardRule(isOpenAndDueWithinDay) << true;
    QTest::newRow("unassigned") << QStringList{u"--unassigned"_s} << fieldIsNull(u"assignee"_s) << true;
    QTest::newRow("mine") << QStringList{u"--mine"_s} << fieldIs(u"assignee"_s, s_admin) << true;
    QTest::newRow("assignee") << QStringList{u"--assignee"_s, s_editor} << fieldIs(u"assignee"_s, s_editor) << true;
    QTest::newRow("label") << QStringList{u"--label"_s, u"Network"_s} << hasAnyLabel({u"Network"_s}) << true;
    QTest::newRow("either of two labels") << QStringList{u"--label"_s, u"network"_s, u"--label"_s, u"Onboarding"_s}
                                          << hasAnyLabel({u"Network"_s, u"Onboarding"_s}) << true;
    QTest::newRow("priority") << QStringList{u"--priority"_s, u"high"_s} << fieldIs(u"priority"_s, u"high"_s) << true;
    QTest::newRow("priority at least") << QStringList{u"--priority"_s, u"high"_s, u"--at-least"_s}
                                       << priorityAtLeast(u"high"_s) << true;
    QTest::newRow("requester") << QStringList{u"--requester"_s, u"SALES"_s} << requesterContains(u"sales"_s) << true;
    QTest::newRow("channel") << QStringList{u"--channel"_s, u"portal"_s} << fieldIs(u"channel"_s, u"portal"_s) << true;
    QTest::newRow("status") << QStringList{u"--status"_s, u"blocked"_s} << fieldIs(u"status"_s, u"blocked"_s) << true;
    QTest::newRow("either of two statuses")
            << QStringList{u"--status"_s, u"in-progress"_s, u"--status"_s, u"needs-review"_s}
            << either(fieldIs(u"status"_s, u"in-progress"_s), fieldIs(u"status"_s, u"needs-review"_s)) << true;
    for (const QString &query : {u"password"_s, u"passw"_s, u"laptop"_s, u"WINDOW"_s, u"microsoft insta"_s}) {
        QTest::addRow("search \"%s\"", qPrintable(query))
                << QStringList{u"--search"_s, query} << searchFinds(query) << true;
    }
    QTest::newRow("search without hits") << QStringList{u"--search"_s, u"zzyzx"_s} << searchFinds(u"zzyzx"_s) << false;
    QTest::newRow("column and unassigned")
            << QStringList{u"--column"_s, u"To-do"_s, u"--unassigned"_s}
            << both(fieldIs(u"column"_s, u"To-do"_s), fieldIsNull(u"assignee"_s)) << true;
    QTest::newRow("no filter") << QStringList{} << CardRule([](const QJsonObject &, qint64) { return true; }) << false;
}

void tst_CliBoard::shouldListCardsMatchingFilter()
{
    QFETCH(QStringList, filter);
    QFETCH(CardRule, rule);
    QFETCH(bool, narrows);

    // GIVEN the demo board with one archived card (list leaves archived cards out)
    QVERIFY(useDemoBoard());
    const QJsonArray all = exportedCards();
    QVERIFY(!all.isEmpty());
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"archive"_s, QString::number(all.at(0)[u"id"_s].toInteger())}));
    const QJsonArray cards = exportedCards();

    // WHEN
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const CliRun listed = runAs(s_admin, QStringList{u"list"_s, u"--json"_s} + filter);

    // THEN it lists exactly the cards the rule picks from the export
    QVERIFY_SUCCEEDS(listed);
    QList<qint64> expected;
    int live = 0;
    for (const QJsonValue &value : cards) {
        const QJsonObject card = value.toObject();
        if (!card[u"archived"_s].isNull())
            continue;
        ++live;
        if (rule(card, now))
            expected << card[u"id"_s].toInteger();
    }
    const QJsonArray listedCards = parseJson(listed.out).toArray();
    QCOMPARE(sorted(idsOf(listedCards)), sorted(expected));

    // ... in board order: column by column
    QList<qint64> columnOrder;
    for (const QJsonValue &column : exportBoard().value(u"columns"_s).toArray())
        columnOrder << column[u"id"_s].toInteger();
    qsizetype lastColumn = 0;
    for (const QJsonValue &card : listedCards) {
        const qsizetype column = columnOrder.indexOf(card[u"column_id"_s].toInteger());
        QVERIFY(column >= lastColumn);
        lastColumn = column;
    }
    if (narrows)
        QVERIFY2(!expected.isEmpty() && expected.size() < live, "the demo board no longer exercises this filter");
}

void tst_CliBoard::shouldPrintListAsTable()
{
    QVERIFY(useDemoBoard());
    const QList<qint64> expected = idsOf(list({u"--assignee"_s, s_editor}));
    QVERIFY(!expected.isEmpty());

    const CliRun table = runAs(s_admin, {u"list"_s, u"--assignee"_s, s_editor});

    QVERIFY_SUCCEEDS(table);
    QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.takeFirst().contains(u"TITLE"_s));
    QList<qint64> shown;
    for (const QString &line : std::as_const(lines)) {
        shown << line.section(u' ', 0, 0).toLongLong();
        QVERIFY(line.contains(s_editor));
    }
    QCOMPARE(shown, expected);
    QCOMPARE(QString::fromUtf8(table.err).trimmed(), u"%1 card(s)"_s.arg(expected.size()));
}

void tst_CliBoard::shouldShowCardWithChecklistLabelsCommentsAttachmentsAndHistory()
{
    // GIVEN a demo card with checklist items, comments and labels, plus an attachment
    QVERIFY(useDemoBoard());
    QJsonObject exported;
    for (const QJsonValue &card : exportedCards()) {
        if (card[u"checklist_total"_s].toInt() > 0 && card[u"comment_count"_s].toInt() > 0
            && !card[u"labels"_s].toArray().isEmpty()) {
            exported = card.toObject();
            break;
        }
    }
    QVERIFY2(!exported.isEmpty(), "the demo board has no card with checklist, comments and labels");
    const QString id = QString::number(exported[u"id"_s].toInteger());
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"attach"_s, id, u"--link"_s, u"/srv/share/notes.txt"_s}));

    // WHEN
    const CliRun json = runAs(s_viewer, {u"show"_s, id, u"--json"_s});
    const CliRun text = runAs(s_viewer, {u"show"_s, id});

    // THEN the JSON has the card and everything attached to it, history oldest first
    QVERIFY_SUCCEEDS(json);
    const QJsonObject card = parseJson(json.out).toObject();
    QCOMPARE(card[u"title"_s].toString(), exported[u"title"_s].toString());
    QVERIFY(card[u"version"_s].toInteger() >= 1);
    QCOMPARE(stringsOf(card[u"labels"_s].toArray()), stringsOf(exported[u"labels"_s].toArray()));
    const QJsonArray checklist = card[u"checklist"_s].toArray();
    QCOMPARE(checklist.size(), exported[u"checklist_total"_s].toInt());
    for (int i = 0; i < checklist.size(); ++i) {
        QCOMPARE(checklist.at(i)[u"position"_s].toInt(), i + 1);
        QVERIFY(checklist.at(i)[u"done"_s].isBool());
        QVERIFY(!checklist.at(i)[u"text"_s].toString().isEmpty());
    }
    QCOMPARE(card[u"comments"_s].toArray().size(), exported[u"comment_count"_s].toInt());
    QCOMPARE(card[u"attachments"_s].toArray().size(), exported[u"attachment_count"_s].toInt() + 1);
    const QJsonArray history = card[u"history"_s].toArray();
    QVERIFY(history.size() >= 2);
    QCOMPARE(history.first()[u"kind"_s].toString(), u"card.created"_s);
    QCOMPARE(history.last()[u"kind"_s].toString(), u"attachment.linked"_s);
    for (int i = 1; i < history.size(); ++i)
        QVERIFY(history.at(i)[u"seq"_s].toInteger() > history.at(i - 1)[u"seq"_s].toInteger());

    // ... and the text form shows the same card for people
    QVERIFY_SUCCEEDS(text);
    const QString shown = QString::fromUtf8(text.out);
    QVERIFY(shown.startsWith(u"#"_s + id + u"  "_s + card[u"title"_s].toString()));
    for (const QString &expected :
         {u"Version"_s, u"Checklist"_s, u"Comments"_s, u"Attachments"_s, u"History"_s, u"card.created"_s})
        QVERIFY2(shown.contains(expected), qPrintable(expected));
}

void tst_CliBoard::shouldArchiveAndRestoreCard()
{
    QVERIFY(useDemoBoard());
    const qint64 id = addCard({u"--title"_s, u"Old ticket"_s, u"--column"_s, u"Done"_s});
    const auto doneCount = [&] {
        const CliRun columns = runAs(s_admin, {u"columns"_s, u"--json"_s});
        return parseJson(columns.out).toArray().at(2)[u"card_count"_s].toInt();
    };
    const int before = doneCount();

    // WHEN archived, THEN it leaves the board but not the file
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"archive"_s, QString::number(id)}));
    QVERIFY(!idsOf(list({})).contains(id));
    QVERIFY(idsOf(list({u"--archived"_s})).contains(id));
    QVERIFY(!show(id)[u"archived"_s].isNull());
    QCOMPARE(doneCount(), before - 1);

    // WHEN restored, THEN it is back
    QVERIFY_SUCCEEDS(runAs(s_editor, {u"restore"_s, QString::number(id)}));
    QVERIFY(idsOf(list({})).contains(id));
    QVERIFY(show(id)[u"archived"_s].isNull());
    QCOMPARE(show(id)[u"column"_s].toString(), u"Done"_s);
    QCOMPARE(doneCount(), before);
}

// --- members and roles --------------------------------------------------------------------------------------

void tst_CliBoard::shouldListAddAndRemoveMembers()
{
    QVERIFY(useDemoBoard());
    const auto membersJson = [&] { return parseJson(runAs(s_admin, {u"members"_s, u"--json"_s}).out).toArray(); };
    const auto roles = [&] {
        QHash<QString, QString> result;
        for (const QJsonValue &member : membersJson())
            result.insert(member[u"login"_s].toString(), member[u"role"_s].toString());
        return result;
    };

    // The table and the JSON list the same members
    const CliRun table = runAs(s_admin, {u"members"_s});
    QVERIFY_SUCCEEDS(table);
    const QHash<QString, QString> before = roles();
    QCOMPARE(before.size(), 5);
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const QRegularExpression line(u"^"_s + it.key() + u"\\s+"_s + it.value() + u"\\b"_s,
                                      QRegularExpression::MultilineOption);
        QVERIFY2(QString::fromUtf8(table.out).contains(line), qPrintable(it.key()));
    }

    // WHEN the admin adds a viewer, THEN that login can read but not write
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"viewer"_s, u"--name"_s,
                                     u"Zoe Stakeholder"_s}));
    bool found = false;
    for (const QJsonValue &member : membersJson()) {
        QVERIFY(member.toObject().contains(u"name"_s));
        if (member[u"login"_s].toString() == u"zoe") {
            found = true;
            QCOMPARE(member[u"role"_s].toString(), u"viewer"_s);
            QCOMPARE(member[u"name"_s].toString(), u"Zoe Stakeholder"_s);
        }
    }
    QVERIFY(found);
    QVERIFY_SUCCEEDS(runAs(u"zoe"_s, {u"list"_s}));
    const QByteArray hash = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(u"zoe"_s, {u"add"_s, u"--title"_s, u"x"_s}), Forbidden);
    QCOMPARE(sha256Of(m_board), hash);

    // WHEN the admin removes them, THEN they are gone from the list
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"members"_s, u"--remove"_s, u"zoe"_s}));
    QCOMPARE(roles(), before);
}

void tst_CliBoard::shouldForbidEditorToChangeMembers()
{
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);

    QVERIFY_FAILS_WITH(runAs(s_editor, {u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"viewer"_s}), Forbidden);
    QVERIFY_FAILS_WITH(runAs(s_editor, {u"members"_s, u"--add"_s, s_editor, u"--role"_s, u"admin"_s}), Forbidden);
    QVERIFY_FAILS_WITH(runAs(s_editor, {u"members"_s, u"--remove"_s, s_viewer}), Forbidden);
    QCOMPARE(sha256Of(m_board), before);
}

void tst_CliBoard::shouldForbidViewerToChangeCards_data()
{
    QTest::addColumn<QStringList>("command");

    QTest::newRow("add") << QStringList{u"add"_s, u"--title"_s, u"x"_s};
    QTest::newRow("edit") << QStringList{u"edit"_s, u"1"_s, u"--title"_s, u"x"_s};
    QTest::newRow("move") << QStringList{u"move"_s, u"1"_s, u"--to"_s, u"Done"_s};
    QTest::newRow("comment") << QStringList{u"comment"_s, u"1"_s, u"--text"_s, u"x"_s};
    QTest::newRow("comment from stdin") << QStringList{u"comment"_s, u"1"_s, u"--text"_s, u"-"_s};
    QTest::newRow("checklist") << QStringList{u"checklist"_s, u"1"_s, u"--add"_s, u"x"_s};
    QTest::newRow("attach link") << QStringList{u"attach"_s, u"1"_s, u"--link"_s, u"/srv/x"_s};
    QTest::newRow("archive") << QStringList{u"archive"_s, u"1"_s};
    QTest::newRow("members") << QStringList{u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"viewer"_s};
}

void tst_CliBoard::shouldForbidViewerToChangeCards()
{
    QFETCH(QStringList, command);
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);

    QVERIFY_FAILS_WITH(runAs(s_viewer, command, "text from stdin"), Forbidden);
    QCOMPARE(sha256Of(m_board), before);
    QVERIFY_SUCCEEDS(runAs(s_viewer, {u"show"_s, u"1"_s}));
}

// --- export, verify, backup ---------------------------------------------------------------------------------

void tst_CliBoard::shouldExportBoardToStandardOutputAndFile()
{
    QVERIFY(useDemoBoard());

    // WHEN exported to standard output
    const CliRun exported = runAs(s_viewer, {u"export"_s, u"--json"_s});

    // THEN it is the documented format with everything on the board
    QVERIFY_SUCCEEDS(exported);
    const QJsonObject board = parseJson(exported.out).toObject();
    QCOMPARE(board[u"format"_s].toString(), u"helpboard-export"_s);
    QCOMPARE(board[u"format_version"_s].toInt(), 1);
    QVERIFY(!board[u"board"_s].toString().isEmpty());
    QVERIFY(!QUuid::fromString(board[u"board_uuid"_s].toString()).isNull());
    QCOMPARE(board[u"members"_s].toArray().size(), 5);
    QCOMPARE(board[u"columns"_s].toArray().size(), 3);
    QCOMPARE(board[u"labels"_s].toArray().size(), 5);
    const QJsonArray cards = board[u"cards"_s].toArray();
    int perColumn = 0;
    for (const QJsonValue &column : board[u"columns"_s].toArray())
        perColumn += column[u"card_count"_s].toInt();
    QCOMPARE(perColumn, cards.size());
    QCOMPARE(sorted(idsOf(list({}))), sorted(idsOf(cards)));
    QVERIFY(board[u"events"_s].toArray().size() >= cards.size());

    // WHEN exported to a file, THEN the file has the same content and stdout is quiet
    const QString file = m_dir->filePath(u"board.json"_s);
    const CliRun toFile = runAs(s_viewer, {u"export"_s, u"--json"_s, file});
    QVERIFY_SUCCEEDS(toFile);
    QVERIFY(toFile.out.isEmpty());
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QJsonObject fromFile = parseJson(written.readAll()).toObject();
    QCOMPARE(fromFile[u"format"_s].toString(), u"helpboard-export"_s);
    fromFile.remove(u"exported"_s);
    QJsonObject fromStdout = board;
    fromStdout.remove(u"exported"_s);
    QCOMPARE(QJsonDocument(fromFile).toJson(), QJsonDocument(fromStdout).toJson());
}

void tst_CliBoard::shouldReportFileSystemErrorWhenExportCannotBeWritten()
{
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"export"_s, u"--json"_s, u"%DIR%/no/such/folder/board.json"_s}), IoError);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"no"_s)));
    QCOMPARE(sha256Of(m_board), before);
}

void tst_CliBoard::shouldVerifySoundBoard()
{
    QVERIFY(useDemoBoard());
    const CliRun verified = runAs(s_viewer, {u"verify"_s});
    QVERIFY_SUCCEEDS(verified);
    QVERIFY2(verified.out.startsWith("ok"), verified.out);
    QVERIFY(verified.err.isEmpty());
}

void tst_CliBoard::shouldBackUpToNewFileOnly()
{
    QVERIFY(useDemoBoard());
    const QString backup = m_dir->filePath(u"backup.helpboard"_s);

    // WHEN
    const CliRun made = runAs(s_admin, {u"backup"_s, backup});

    // THEN the copy is a sound board with the same cards
    QVERIFY_SUCCEEDS(made);
    QCOMPARE(made.outLine(), QFileInfo(backup).absoluteFilePath());
    QVERIFY_SUCCEEDS(run({u"--board"_s, backup, u"--as"_s, s_admin, u"verify"_s}));
    QCOMPARE(list({}, backup), list({}));

    // ... and a second backup to the same name is refused
    const QByteArray before = sha256Of(backup);
    const QByteArray board = sha256Of(m_board);
    QVERIFY_FAILS_WITH(runAs(s_admin, {u"backup"_s, backup}), Invalid);
    QCOMPARE(sha256Of(backup), before);
    QCOMPARE(sha256Of(m_board), board);
}

QTEST_GUILESS_MAIN(tst_CliBoard)

#include "tst_cliboard.moc"
