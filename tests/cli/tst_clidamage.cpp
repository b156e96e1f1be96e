// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli and a damaged board: damage found by one process stops every other process's writes, a schema that
// lost a part is damage, and a read that fails once is not damage (it says "could not read", and nothing is marked).
#include "clitestcase.h"

#include "support/damagedfile.h"

#include <storage/sqlite/damagemark.h>

using namespace hb::tests;
using namespace hb::tests::cli;

namespace {

const QStringList s_commentOnCard2{u"comment"_s, u"2"_s, u"--text"_s, u"Toner ordered"_s};

QString markOf(const QString &board)
{
    return hb::storage::DamageMark::pathFor(board);
}

} // namespace

class tst_CliDamage : public CliTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    void shouldRefuseAnotherProcessWriteOnceOneFoundDamage_data();
    void shouldRefuseAnotherProcessWriteOnceOneFoundDamage();
    void shouldCallASchemaThatLostAPartDamage_data();
    void shouldCallASchemaThatLostAPartDamage();
    void shouldSayCouldNotReadForOneFailedReadAndStayWritable_data();
    void shouldSayCouldNotReadForOneFailedReadAndStayWritable();
    void shouldClearTheMarkWhenVerifyFindsTheBoardSound();

private:
    QString m_strace;
};

void tst_CliDamage::initTestCase()
{
    setUpSuite();
    m_strace = QStandardPaths::findExecutable(u"strace"_s);
}

void tst_CliDamage::shouldRefuseAnotherProcessWriteOnceOneFoundDamage_data()
{
    QTest::addColumn<QStringList>("finder"); ///< the command that meets the damage
    QTest::addColumn<QStringList>("writer"); ///< a later command whose save would not touch the damaged pages
    QTest::newRow("list finds it, comment would write") << QStringList{u"list"_s} << s_commentOnCard2;
    QTest::newRow("export finds it, add would write")
            << QStringList{u"export"_s, u"--json"_s} << QStringList{u"add"_s, u"--title"_s, u"New ticket"_s};
}

void tst_CliDamage::shouldRefuseAnotherProcessWriteOnceOneFoundDamage()
{
    QFETCH(QStringList, finder);
    QFETCH(QStringList, writer);

    // GIVEN a board whose card labels are damaged, which nothing has noticed yet
    QVERIFY(useDemoBoard());
    for (const QString &object : {u"card_labels"_s, u"sqlite_autoindex_card_labels_1"_s, u"card_labels_by_label"_s})
        QCOMPARE(overwriteRootPage(m_board, object), QString());
    QVERIFY(!QFile::exists(markOf(m_board)));

    // WHEN one process reads what is damaged
    const CliRun found = runAs(s_admin, finder);

    // THEN it says the board is damaged (6), and marks it so for everyone
    QVERIFY_FAILS_WITH(found, BadBoard);
    QVERIFY2(found.err.contains("damaged"), found.err);
    QVERIFY(QFile::exists(markOf(m_board)));
    const QByteArray damaged = sha256Of(m_board);

    // WHEN another process, as another user, saves something that would not touch the damaged pages
    const CliRun refused = runAs(s_editor, writer);

    // THEN it is refused as damage (never exit 0), naming who found it, and the file is untouched
    QVERIFY_FAILS_WITH(refused, BadBoard);
    QVERIFY2(refused.err.contains("damaged") && refused.err.contains(s_admin.toUtf8()), refused.err);
    QCOMPARE(sha256Of(m_board), damaged);
    // AND verify says what is wrong and keeps the mark
    const CliRun verified = runAs(s_admin, {u"verify"_s});
    QCOMPARE(verified.exitCode, int(BadBoard));
    QVERIFY(QFile::exists(markOf(m_board)));
    QCOMPARE(sha256Of(m_board), damaged);
}

void tst_CliDamage::shouldCallASchemaThatLostAPartDamage_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("lost");
    QTest::newRow("an index") << u"DROP INDEX events_by_card"_s << u"index events_by_card"_s;
    QTest::newRow("a column") << u"ALTER TABLE comments DROP COLUMN edited_at"_s << u"column comments.edited_at"_s;
    QTest::newRow("a table") << u"DROP TABLE checklist_templates"_s << u"table checklist_templates"_s;
    QTest::newRow("the search index") << u"DROP TABLE cards_fts"_s << u"table cards_fts"_s;
}

void tst_CliDamage::shouldCallASchemaThatLostAPartDamage()
{
    QFETCH(QString, statement);
    QFETCH(QString, lost);

    // GIVEN a board that lost a part of its schema (the file itself is sound)
    QVERIFY(useDemoBoard());
    const RawResult dropped = rawSql(m_board, {statement});
    QVERIFY2(dropped.error.isEmpty(), qPrintable(dropped.error));
    QVERIFY(rawSql(m_board, {u"PRAGMA integrity_check"_s}).rows.value(0).value(0).toString() == u"ok");
    const QByteArray before = sha256Of(m_board);

    // WHEN verify looks at it, THEN it names what is missing and exits 6
    const CliRun verified = runAs(s_admin, {u"verify"_s});
    QCOMPARE(verified.exitCode, int(BadBoard));
    QVERIFY2(verified.out.contains(u"schema: %1 is missing"_s.arg(lost).toUtf8()), qPrintable(describe(verified)));

    // AND every command is refused as damage (6, not 7), and nothing is written
    for (const QStringList &command : {QStringList{u"list"_s}, QStringList{u"show"_s, u"1"_s}, s_commentOnCard2,
                                       QStringList{u"add"_s, u"--title"_s, u"x"_s}}) {
        const CliRun refused = runAs(s_admin, command);
        QVERIFY_FAILS_WITH(refused, BadBoard);
        QVERIFY2(refused.err.contains(lost.toUtf8()), qPrintable(describe(refused)));
    }
    QCOMPARE(sha256Of(m_board), before);
}

void tst_CliDamage::shouldSayCouldNotReadForOneFailedReadAndStayWritable_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<int>("nth"); ///< which read of the board fails, counted from the end of a clean run (-1: last)
    QTest::addColumn<bool>("readAgain"); ///< the command reads the board again itself, and succeeds
    QTest::newRow("show: its last read") << QStringList{u"show"_s, u"1"_s} << -1 << false;
    QTest::newRow("show: a read before it") << QStringList{u"show"_s, u"1"_s} << -3 << false;
    QTest::newRow("list: its last read") << QStringList{u"list"_s} << -1 << false;
    // export copies the board first; a copy that fails is not the end: it reads the board itself then
    QTest::newRow("export: a read of its copy") << QStringList{u"export"_s, u"--json"_s} << -8 << true;
}

void tst_CliDamage::shouldSayCouldNotReadForOneFailedReadAndStayWritable()
{
    QFETCH(QStringList, command);
    QFETCH(int, nth);
    QFETCH(bool, readAgain);
    if (m_strace.isEmpty())
        HB_SKIP_UNLESS_CI("strace is not installed: a failed read cannot be injected");

    // GIVEN a sound board, and the reads a clean run of the command makes of it
    QVERIFY(useDemoBoard());
    const QString log = m_dir->filePath(u"clean.strace"_s);
    const QString board = QFileInfo(m_board).absoluteFilePath();
    const QStringList cli{u"--"_s, m_cli, u"--board"_s, board, u"--as"_s, s_admin};
    const CliRun clean = execute(
            m_strace, QStringList{u"-f"_s, u"-o"_s, log, u"-e"_s, u"trace=pread64"_s, u"-P"_s, board} + cli + command);
    if (clean.exitCode != Ok)
        HB_SKIP_UNLESS_CI(qPrintable(u"strace cannot trace here: "_s + describe(clean)));
    QFile file(log);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const int reads = int(file.readAll().count("pread64("));
    QVERIFY2(reads > -nth, qPrintable(QString::number(reads)));

    // WHEN one read of the board fails with EIO
    const QString inject = u"inject=pread64:error=EIO:when=%1"_s.arg(reads + nth + 1);
    const QString faultLog = m_dir->filePath(u"fault.strace"_s);
    const CliRun faulted = execute(m_strace, QStringList{u"-f"_s, u"-o"_s, faultLog, u"-e"_s, u"trace=pread64"_s,
                                                         u"-e"_s, inject, u"-P"_s, board}
                                                     + cli + command);
    QFile faults(faultLog);
    QVERIFY(faults.open(QIODevice::ReadOnly));
    QCOMPARE(faults.readAll().count("(INJECTED)"), 1);

    // THEN it says the file could not be read (7), never to restore a backup, and marks nothing (or it read the
    // board again and printed what a clean run prints)
    QVERIFY(!QFile::exists(markOf(m_board)));
    if (readAgain) {
        QVERIFY_SUCCEEDS(faulted);
        const auto withoutTime = [](const QByteArray &json) {
            return QString::fromUtf8(json).remove(QRegularExpression(uR"("exported": "[^"]*")"_s));
        };
        QCOMPARE(withoutTime(faulted.out), withoutTime(clean.out)); // all but the time of the export
        return;
    }
    QVERIFY_FAILS_WITH(faulted, IoError);
    QVERIFY2(faulted.err.contains("could not read the file board.helpboard") && faulted.err.contains("try again"),
             qPrintable(describe(faulted)));
    QVERIFY2(!faulted.err.contains("backup") && !faulted.err.contains("damaged"), qPrintable(describe(faulted)));
    QVERIFY(!QFile::exists(markOf(m_board)));

    // AND the board reads and takes saves as before
    QVERIFY_SUCCEEDS(runAs(s_admin, command));
    QVERIFY_SUCCEEDS(runAs(s_editor, s_commentOnCard2));
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

void tst_CliDamage::shouldClearTheMarkWhenVerifyFindsTheBoardSound()
{
    // GIVEN a sound board marked damaged by a colleague's process
    QVERIFY(useDemoBoard());
    QVERIFY(hb::storage::DamageMark::write(
            m_board, hb::storage::DamageMark::make(m_board, u"Page 9: malformed cell"_s, u"ben"_s)));
    const QByteArray before = sha256Of(m_board);

    // WHEN someone saves, THEN it is refused with the reason; reading still works
    const CliRun refused = runAs(s_admin, s_commentOnCard2);
    QVERIFY_FAILS_WITH(refused, BadBoard);
    QVERIFY2(refused.err.contains("Page 9: malformed cell") && refused.err.contains("ben"), refused.err);
    QCOMPARE(sha256Of(m_board), before);
    // AND what is read comes with a warning that the board was found damaged, on standard error only
    for (const QStringList &reading : {QStringList{u"show"_s, u"2"_s}, QStringList{u"list"_s}}) {
        const CliRun read = runAs(s_admin, reading);
        QVERIFY_SUCCEEDS(read);
        QVERIFY2(read.err.contains("helpboard-cli: warning: ") && read.err.contains("Page 9: malformed cell"),
                 qPrintable(describe(read)));
        QVERIFY2(!read.out.contains("malformed"), qPrintable(describe(read)));
    }

    // WHEN verify finds the file fully sound, THEN it clears the mark, and saves work again
    const CliRun verified = runAs(s_admin, {u"verify"_s});
    QVERIFY_SUCCEEDS(verified);
    QVERIFY2(verified.out.contains("sound"), verified.out);
    QVERIFY(!QFile::exists(markOf(m_board)));
    QVERIFY_SUCCEEDS(runAs(s_admin, s_commentOnCard2));
}

QTEST_GUILESS_MAIN(tst_CliDamage)
#include "tst_clidamage.moc"
