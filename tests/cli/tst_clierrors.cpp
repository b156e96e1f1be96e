// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli when things go wrong: busy, read-only, not a board, usage errors and invalid input.
#include "clitestcase.h"
#include "support/damagedfile.h"

using namespace hb::tests;
using namespace hb::tests::cli;

class tst_CliErrors : public CliTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    // exit codes for the file and the other users
    void shouldReportBusyWhileAnotherWriterHoldsLock();
    void shouldOpenReadOnlyFileForReadingButRefuseChanges();
    void shouldRefuseToAttachAFileTheUserMayNotRead();
    void shouldRefuseFileThatIsNotUsableBoard_data();
    void shouldRefuseFileThatIsNotUsableBoard();

    // usage and invalid input
    void shouldPrintUsageAndVersion_data();
    void shouldPrintUsageAndVersion();
    void shouldRejectUsageErrorsWithoutWriting_data();
    void shouldRejectUsageErrorsWithoutWriting();
    void shouldRejectInvalidInputWithoutWriting_data();
    void shouldRejectInvalidInputWithoutWriting();
};

// --- exit codes for the file and the other users ------------------------------------------------------------

void tst_CliErrors::shouldReportBusyWhileAnotherWriterHoldsLock()
{
    QVERIFY(useDemoBoard());
    const int before = cardCount();
    const QStringList add{u"--board"_s, m_board,  u"--as"_s,    s_admin, u"--busy-timeout"_s,
                          u"0.5"_s,     u"add"_s, u"--title"_s, u"x"_s};
    const QString connection = u"lock-holder"_s;
    {
        // GIVEN another writer in the middle of a transaction
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(m_board);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY2(query.exec(u"BEGIN IMMEDIATE"_s), qPrintable(query.lastError().text()));
        QVERIFY2(query.exec(u"INSERT INTO meta (key, value) VALUES ('tst_cli', 'holding the lock')"_s),
                 qPrintable(query.lastError().text()));

        // WHEN the CLI writes, THEN it gives up after its busy timeout
        QElapsedTimer timer;
        timer.start();
        const CliRun busy = run(add);
        QVERIFY_FAILS_WITH(busy, Busy);
        QVERIFY2(timer.elapsed() < 5'000, qPrintable(QString::number(timer.elapsed())));

        // AND reading is not held up by someone else's save (the rollback journal lets readers in)
        timer.restart();
        const CliRun listed =
                run({u"--board"_s, m_board, u"--as"_s, s_admin, u"--busy-timeout"_s, u"10"_s, u"list"_s, u"--json"_s});
        QVERIFY_SUCCEEDS(listed);
        QCOMPARE(QJsonDocument::fromJson(listed.out).array().size(), before);
        QVERIFY2(timer.elapsed() < 5'000, qPrintable(QString::number(timer.elapsed())));

        QVERIFY(query.exec(u"ROLLBACK"_s));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    QCOMPARE(cardCount(), before);

    // ... and once the other writer is done, the same command works
    QVERIFY_SUCCEEDS(run(add));
    QCOMPARE(cardCount(), before + 1);
}

void tst_CliErrors::shouldOpenReadOnlyFileForReadingButRefuseChanges()
{
    if (::geteuid() != 0)
        HB_SKIP_UNLESS_CI("needs root to run the CLI as another user (permission bits do not stop root)");
    const QString setpriv = QStandardPaths::findExecutable(u"setpriv"_s);
    if (setpriv.isEmpty())
        HB_SKIP_UNLESS_CI("setpriv (util-linux) is not installed");
    const auto traversable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                             | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(m_dir->path(), traversable));
    const QStringList asNobody{u"--reuid=65534"_s, u"--regid=65534"_s, u"--clear-groups"_s,
                               programForOtherUsers(m_cli, m_dir->path())};
    const CliRun version = execute(setpriv, asNobody + QStringList{u"--version"_s});
    QVERIFY2(version.exitCode == Ok, qPrintable(describe(version)));

    // GIVEN a board that root owns, in a folder that others may read but not write
    const QString shared = m_dir->filePath(u"share"_s);
    QVERIFY(QDir().mkdir(shared));
    const auto readable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                          | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(m_dir->path(), readable));
    QVERIFY(QFile::setPermissions(shared, readable));
    const QString board = shared + u"/board.helpboard"_s;
    QVERIFY(QFile::copy(m_template, board));
    QVERIFY(QFile::setPermissions(board, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    const QByteArray before = sha256Of(board);
    const QStringList onBoard = asNobody + QStringList{u"--board"_s, board, u"--as"_s, u"bob"_s};

    // WHEN an unprivileged user changes it, THEN the CLI says it is read-only
    const CliRun add = execute(setpriv, onBoard + QStringList{u"add"_s, u"--title"_s, u"x"_s});
    QVERIFY_FAILS_WITH(add, Forbidden);
    QVERIFY2(add.err.contains("read-only"), add.err);
    QCOMPARE(sha256Of(board), before);

    // ... but reading works
    const CliRun listed = execute(setpriv, onBoard + QStringList{u"list"_s, u"--json"_s});
    QVERIFY_SUCCEEDS(listed);
    QCOMPARE(parseJson(listed.out).toArray().size(), list({}, board).size());
    QCOMPARE(sha256Of(board), before);
}

void tst_CliErrors::shouldRefuseToAttachAFileTheUserMayNotRead()
{
    if (::geteuid() != 0)
        HB_SKIP_UNLESS_CI("needs root to run the CLI as another user (permission bits do not stop root)");
    const QString setpriv = QStandardPaths::findExecutable(u"setpriv"_s);
    if (setpriv.isEmpty())
        HB_SKIP_UNLESS_CI("setpriv (util-linux) is not installed");
    // GIVEN a board everyone may change, and a file only root may read
    const auto open = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::WriteGroup
                      | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(m_dir->path(), open));
    QVERIFY(useDemoBoard());
    QVERIFY(QFile::setPermissions(m_board, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::WriteGroup
                                                   | QFile::ReadOther | QFile::WriteOther));
    const qint64 id = addCard({u"--title"_s, u"Payroll export fails"_s});
    const QString secret = m_dir->filePath(u"salaries.xlsx"_s);
    QVERIFY(writeFile(secret, "not for everyone"));
    QVERIFY(QFile::setPermissions(secret, QFile::ReadOwner | QFile::WriteOwner));
    const QStringList asNobody{u"--reuid=65534"_s, u"--regid=65534"_s, u"--clear-groups"_s,
                               programForOtherUsers(m_cli, m_dir->path())};
    const QByteArray before = sha256Of(m_board);

    // WHEN another user attaches it, THEN it is refused with the reason, and the board is as it was
    const CliRun refused = execute(setpriv, asNobody
                                                    + QStringList{u"--board"_s, m_board, u"--as"_s, s_editor,
                                                                  u"attach"_s, QString::number(id), secret});
    QVERIFY_FAILS_WITH(refused, Invalid);
    QVERIFY2(refused.err.contains("salaries.xlsx") && refused.err.contains("cannot read"), refused.err);
    QCOMPARE(sha256Of(m_board), before);
    QCOMPARE(show(id)[u"attachments"_s].toArray().size(), 0);
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

void tst_CliErrors::shouldRefuseFileThatIsNotUsableBoard_data()
{
    QTest::addColumn<QString>("damage");

    QTest::newRow("text file") << u"text"_s;
    QTest::newRow("SQLite database that is not a board") << u"foreign"_s;
    QTest::newRow("board from a newer HelpBoard") << u"too-new"_s;
    QTest::newRow("board cut short") << u"truncated"_s;
    QTest::newRow("board with garbage in the middle") << u"overwritten"_s;
}

void tst_CliErrors::shouldRefuseFileThatIsNotUsableBoard()
{
    QFETCH(QString, damage);

    // GIVEN
    if (damage == u"text") {
        QVERIFY(writeFile(m_board, "Minutes of the help-desk meeting\n"));
    } else if (damage == u"foreign") {
        QCOMPARE(
                rawSql(m_board, {u"CREATE TABLE recipes (name TEXT)"_s, u"INSERT INTO recipes VALUES ('tea')"_s}).error,
                QString());
    } else {
        QVERIFY(useDemoBoard());
        if (damage == u"too-new") {
            QCOMPARE(rawSql(m_board, {u"PRAGMA user_version = 99"_s}).error, QString());
        } else if (damage == u"truncated") {
            QFile file(m_board);
            QVERIFY(file.resize(file.size() / 2));
        } else {
            // Make the next open run its quick_check, then overwrite the page the comments table starts at: a page
            // in the middle of the file whatever its layout (where the check cannot go on at all is another case).
            QCOMPARE(rawSql(m_board, {u"UPDATE meta SET value = '0' WHERE key = 'last_check_at'"_s}).error, QString());
            QCOMPARE(overwriteRootPage(m_board, u"comments"_s), QString());
        }
    }
    const QByteArray before = sha256Of(m_board);

    // WHEN any command opens it, THEN it is refused with one clear line and the file is untouched
    for (const QStringList &command : {QStringList{u"verify"_s}, QStringList{u"list"_s},
                                       QStringList{u"add"_s, u"--title"_s, u"x"_s}, QStringList{u"init"_s}}) {
        const CliRun refused = runAs(s_admin, command);
        if (damage == u"overwritten" && command.constFirst() == u"verify") {
            // verify reads a damaged board as far as it can and lists what is wrong on standard output
            QCOMPARE(refused.exitCode, int(BadBoard));
            QVERIFY2(refused.out.startsWith("integrity: "), refused.out);
            QCOMPARE(refused.err.count('\n'), 1);
            QVERIFY2(refused.err.startsWith("helpboard-cli: "), refused.err);
            QCOMPARE(sha256Of(m_board), before);
            continue;
        }
        QVERIFY_FAILS_WITH(refused, command.constFirst() == u"init" ? Invalid : BadBoard);
        QVERIFY2(refused.err.contains(QFileInfo(m_board).fileName().toUtf8()), refused.err);
        QCOMPARE(sha256Of(m_board), before);
    }
}

// --- usage and invalid input --------------------------------------------------------------------------------

void tst_CliErrors::shouldPrintUsageAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");

    QTest::newRow("--help") << QStringList{u"--help"_s} << u"^Usage: helpboard-cli "_s;
    QTest::newRow("-h") << QStringList{u"-h"_s} << u"^Usage: helpboard-cli "_s;
    QTest::newRow("help command") << QStringList{u"--board"_s, u"%DIR%/none"_s, u"help"_s}
                                  << u"^Usage: helpboard-cli "_s;
    QTest::newRow("--version") << QStringList{u"--version"_s} << u"^helpboard-cli \\d+\\.\\d+\\.\\d+\n$"_s;
}

void tst_CliErrors::shouldPrintUsageAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    args.replaceInStrings(u"%DIR%"_s, m_dir->path());

    const CliRun printed = run(args);

    QVERIFY_SUCCEEDS(printed);
    QVERIFY2(QString::fromUtf8(printed.out).contains(QRegularExpression(expected)), printed.out);
    QVERIFY(printed.err.isEmpty());
    if (expected.contains(u"Usage"_s)) {
        for (const QString &command : {u"init"_s, u"columns"_s, u"add"_s, u"edit"_s, u"move"_s, u"comment"_s,
                                       u"checklist"_s, u"attach"_s, u"save-attachment"_s, u"list"_s, u"show"_s,
                                       u"archive"_s, u"members"_s, u"export"_s, u"verify"_s, u"backup"_s})
            QVERIFY2(printed.out.contains(QByteArray("  " + command.toUtf8() + ' ')), qPrintable(command));
    }
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"none"_s)));
}

void tst_CliErrors::shouldRejectUsageErrorsWithoutWriting_data()
{
    QTest::addColumn<QStringList>("args"); ///< after --board FILE --as alice

    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s};
    QTest::newRow("unknown global option") << QStringList{u"--colour"_s, u"list"_s};
    QTest::newRow("unknown command option") << QStringList{u"list"_s, u"--colour"_s};
    QTest::newRow("global option without value") << QStringList{u"--as"_s};
    QTest::newRow("busy timeout not a number") << QStringList{u"--busy-timeout"_s, u"soon"_s, u"list"_s};
    QTest::newRow("op id not a UUID") << QStringList{u"--op-id"_s, u"42"_s, u"add"_s, u"--title"_s, u"x"_s};
    QTest::newRow("add without title") << QStringList{u"add"_s, u"--column"_s, u"Doing"_s};
    QTest::newRow("add with option but no value") << QStringList{u"add"_s, u"--title"_s};
    QTest::newRow("add with title twice") << QStringList{u"add"_s, u"--title"_s, u"a"_s, u"--title"_s, u"b"_s};
    QTest::newRow("add with stray argument") << QStringList{u"add"_s, u"--title"_s, u"a"_s, u"b"_s};
    QTest::newRow("edit without id") << QStringList{u"edit"_s, u"--title"_s, u"x"_s};
    QTest::newRow("edit without change") << QStringList{u"edit"_s, u"1"_s};
    QTest::newRow("edit due and no due") << QStringList{u"edit"_s, u"1"_s, u"--due"_s, u"2030-01-01"_s, u"--no-due"_s};
    QTest::newRow("edit assignee and unassign")
            << QStringList{u"edit"_s, u"1"_s, u"--assignee"_s, u"ben"_s, u"--unassign"_s};
    QTest::newRow("edit expect version not a number")
            << QStringList{u"edit"_s, u"1"_s, u"--title"_s, u"x"_s, u"--expect-version"_s, u"latest"_s};
    QTest::newRow("move without --to") << QStringList{u"move"_s, u"1"_s};
    QTest::newRow("move before and after")
            << QStringList{u"move"_s, u"1"_s, u"--to"_s, u"Doing"_s, u"--before"_s, u"2"_s, u"--after"_s, u"3"_s};
    QTest::newRow("comment without text") << QStringList{u"comment"_s, u"1"_s};
    QTest::newRow("checklist with two actions")
            << QStringList{u"checklist"_s, u"1"_s, u"--add"_s, u"x"_s, u"--tick"_s, u"1"_s};
    QTest::newRow("checklist without action") << QStringList{u"checklist"_s, u"1"_s};
    QTest::newRow("attach file and link") << QStringList{u"attach"_s, u"1"_s, u"f.txt"_s, u"--link"_s, u"/srv/x"_s};
    QTest::newRow("attach nothing") << QStringList{u"attach"_s, u"1"_s};
    QTest::newRow("save-attachment without file") << QStringList{u"save-attachment"_s, u"1"_s};
    QTest::newRow("show without id") << QStringList{u"show"_s};
    QTest::newRow("archive two ids") << QStringList{u"archive"_s, u"1"_s, u"2"_s};
    QTest::newRow("members add without role") << QStringList{u"members"_s, u"--add"_s, u"zoe"_s};
    QTest::newRow("members add and remove")
            << QStringList{u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"viewer"_s, u"--remove"_s, u"ben"_s};
    QTest::newRow("export two files") << QStringList{u"export"_s, u"a.json"_s, u"b.json"_s};
    QTest::newRow("backup without file") << QStringList{u"backup"_s};
    QTest::newRow("init with argument") << QStringList{u"init"_s, u"now"_s};
}

void tst_CliErrors::shouldRejectUsageErrorsWithoutWriting()
{
    QFETCH(QStringList, args);
    QVERIFY(useDemoBoard());
    const QByteArray before = sha256Of(m_board);
    const QStringList filesBefore = filesIn(m_dir->path());

    const CliRun rejected = runAs(s_admin, args);

    QVERIFY_FAILS_WITH(rejected, Usage);
    QVERIFY2(rejected.err.contains("--help"), rejected.err);
    QCOMPARE(sha256Of(m_board), before);
    QCOMPARE(filesIn(m_dir->path()), filesBefore);
}

void tst_CliErrors::shouldRejectInvalidInputWithoutWriting_data()
{
    QTest::addColumn<QStringList>("args"); ///< after --board FILE --as alice; %DIR% is the test's folder

    const QStringList add{u"add"_s, u"--title"_s, u"New"_s};
    QTest::newRow("missing board file") << QStringList{u"--board"_s, u"%DIR%/missing.helpboard"_s, u"list"_s};
    QTest::newRow("add: unknown priority") << add + QStringList{u"--priority"_s, u"urgent"_s};
    QTest::newRow("add: unknown channel") << add + QStringList{u"--channel"_s, u"fax"_s};
    QTest::newRow("add: due not a date") << add + QStringList{u"--due"_s, u"tomorrow"_s};
    QTest::newRow("add: due impossible date") << add + QStringList{u"--due"_s, u"2030-02-30"_s};
    QTest::newRow("add: due impossible time") << add + QStringList{u"--due"_s, u"2030-01-02T25:00"_s};
    QTest::newRow("add: unknown status") << add + QStringList{u"--status"_s, u"done"_s};
    QTest::newRow("add: unknown label") << add + QStringList{u"--label"_s, u"Printers"_s};
    QTest::newRow("add: one unknown label of two")
            << add + QStringList{u"--label"_s, u"Hardware"_s, u"--label"_s, u"Printers"_s};
    QTest::newRow("add: unknown column") << add + QStringList{u"--column"_s, u"Backlog"_s};
    QTest::newRow("add: unknown assignee") << add + QStringList{u"--assignee"_s, u"nobody-here"_s};
    QTest::newRow("add: blank title") << QStringList{u"add"_s, u"--title"_s, u"   "_s};
    QTest::newRow("add: title too long") << QStringList{u"add"_s, u"--title"_s, QString(501, u'x')};
    QTest::newRow("edit: missing card") << QStringList{u"edit"_s, u"9999"_s, u"--title"_s, u"x"_s};
    QTest::newRow("edit: not an id") << QStringList{u"edit"_s, u"first"_s, u"--title"_s, u"x"_s};
    QTest::newRow("edit: unknown priority") << QStringList{u"edit"_s, u"1"_s, u"--priority"_s, u"urgent"_s};
    QTest::newRow("edit: unknown status") << QStringList{u"edit"_s, u"1"_s, u"--status"_s, u"done"_s};
    QTest::newRow("edit: unknown channel") << QStringList{u"edit"_s, u"1"_s, u"--channel"_s, u"fax"_s};
    QTest::newRow("edit: unknown assignee") << QStringList{u"edit"_s, u"1"_s, u"--assignee"_s, u"nobody-here"_s};
    QTest::newRow("edit: bad due") << QStringList{u"edit"_s, u"1"_s, u"--due"_s, u"2030-13-01"_s};
    QTest::newRow("edit: blank title") << QStringList{u"edit"_s, u"1"_s, u"--title"_s, u""_s};
    QTest::newRow("move: unknown column") << QStringList{u"move"_s, u"1"_s, u"--to"_s, u"Backlog"_s};
    QTest::newRow("move: missing card") << QStringList{u"move"_s, u"9999"_s, u"--to"_s, u"Doing"_s};
    QTest::newRow("move: before missing card")
            << QStringList{u"move"_s, u"1"_s, u"--to"_s, u"Doing"_s, u"--before"_s, u"9999"_s};
    QTest::newRow("comment: empty") << QStringList{u"comment"_s, u"1"_s, u"--text"_s, u""_s};
    QTest::newRow("comment: empty stdin") << QStringList{u"comment"_s, u"1"_s, u"--text"_s, u"-"_s};
    QTest::newRow("comment: missing card") << QStringList{u"comment"_s, u"9999"_s, u"--text"_s, u"hi"_s};
    QTest::newRow("checklist: empty item") << QStringList{u"checklist"_s, u"1"_s, u"--add"_s, u""_s};
    QTest::newRow("checklist: position 0") << QStringList{u"checklist"_s, u"1"_s, u"--tick"_s, u"0"_s};
    QTest::newRow("checklist: past the end") << QStringList{u"checklist"_s, u"1"_s, u"--tick"_s, u"99"_s};
    QTest::newRow("checklist: not a position") << QStringList{u"checklist"_s, u"1"_s, u"--untick"_s, u"two"_s};
    QTest::newRow("checklist: missing card") << QStringList{u"checklist"_s, u"9999"_s, u"--add"_s, u"x"_s};
    QTest::newRow("attach: missing file") << QStringList{u"attach"_s, u"1"_s, u"%DIR%/missing.pdf"_s};
    QTest::newRow("attach: missing card") << QStringList{u"attach"_s, u"9999"_s, u"--link"_s, u"/srv/x"_s};
    QTest::newRow("save-attachment: missing attachment")
            << QStringList{u"save-attachment"_s, u"9999"_s, u"%DIR%/out.bin"_s};
    QTest::newRow("save-attachment: over existing file")
            << QStringList{u"save-attachment"_s, u"1"_s, u"%DIR%/existing.txt"_s};
    QTest::newRow("show: missing card") << QStringList{u"show"_s, u"9999"_s};
    QTest::newRow("show: not an id") << QStringList{u"show"_s, u"x1"_s};
    QTest::newRow("archive: missing card") << QStringList{u"archive"_s, u"9999"_s};
    QTest::newRow("restore: missing card") << QStringList{u"restore"_s, u"9999"_s};
    QTest::newRow("list: unknown priority") << QStringList{u"list"_s, u"--priority"_s, u"urgent"_s};
    QTest::newRow("list: unknown status") << QStringList{u"list"_s, u"--status"_s, u"done"_s};
    QTest::newRow("list: unknown label") << QStringList{u"list"_s, u"--label"_s, u"Printers"_s};
    QTest::newRow("list: unknown column") << QStringList{u"list"_s, u"--column"_s, u"Backlog"_s};
    QTest::newRow("members: unknown role") << QStringList{u"members"_s, u"--add"_s, u"zoe"_s, u"--role"_s, u"boss"_s};
    QTest::newRow("members: remove non-member") << QStringList{u"members"_s, u"--remove"_s, u"nobody-here"_s};
    QTest::newRow("backup: over existing file") << QStringList{u"backup"_s, u"%DIR%/existing.txt"_s};
}

void tst_CliErrors::shouldRejectInvalidInputWithoutWriting()
{
    QFETCH(QStringList, args);
    QVERIFY(useDemoBoard());
    const QString existing = m_dir->filePath(u"existing.txt"_s);
    QVERIFY(writeFile(existing, "keep me\n"));
    const QByteArray before = sha256Of(m_board);
    const int cardsBefore = cardCount();
    const QStringList filesBefore = filesIn(m_dir->path());

    const CliRun rejected = runAs(s_admin, args);

    QVERIFY_FAILS_WITH(rejected, Invalid);
    QCOMPARE(sha256Of(m_board), before);
    QCOMPARE(cardCount(), cardsBefore);
    QCOMPARE(filesIn(m_dir->path()), filesBefore);
    QCOMPARE(sha256Of(existing), QCryptographicHash::hash("keep me\n", QCryptographicHash::Sha256).toHex());
}

QTEST_GUILESS_MAIN(tst_CliErrors)

#include "tst_clierrors.moc"
