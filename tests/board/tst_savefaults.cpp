// SPDX-License-Identifier: GPL-3.0-or-later
// The window's saves when the file system fails in the middle of one: a job of several changes of which some landed,
// and a commit whose outcome cannot be told because the share went with it. The board's own save machinery
// (BoardActions on its StoreWorker) runs in a child process of this test, under strace, which injects the failure
// into system calls on the board file or its journal; the test then reads the file itself.
#include "waitforsaves.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>
#include <support/testsupport.h>

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

const QString s_login = u"alice"_s;
const QString s_newTitle = u"Printer 3F: paper jam (escalated)"_s;
constexpr int s_archived = 3; ///< the first cards of To-do that the archive job takes off the board
constexpr int s_earlierSaves = 2;

/// What the window does in the child process.
enum class Save {
    Archive, ///< archive the first three cards of To-do: one job, one change of three cards, one commit
    Rename,  ///< rename the first card of To-do: one change
};

QString nameOf(Save save)
{
    return save == Save::Archive ? u"archive"_s : u"rename"_s;
}

// The share goes away in the middle of a save: strace sends SIGUSR1 with the failure it injects, and before the
// saver sees that failure every descriptor of the board file and its journal is made to refer to a folder (so each
// read, write and write lock on them fails, as on a handle to a share that is gone), and both files are moved aside
// (so opening the board again fails too). Only async-signal-safe calls: readlink, strcmp, dup2, rename. (The other
// thread opens nothing meanwhile: it waits for the save.)
constexpr int s_pathMax = 4096;
char s_board[s_pathMax];
char s_journal[s_pathMax];
char s_boardGone[s_pathMax];
char s_journalGone[s_pathMax];
int s_folder = -1; ///< a descriptor of the board's folder, opened read-only

void copyPath(char *to, const QByteArray &from)
{
    qstrncpy(to, from.constData(), s_pathMax);
}

extern "C" void shareGoes(int)
{
    const int savedErrno = errno;
    char link[32] = "/proc/self/fd/";
    constexpr int prefix = 14;
    for (int fd = 3; fd < 1024; ++fd) {
        int digits = 0;
        char reversed[8];
        for (int n = fd; n > 0; n /= 10)
            reversed[digits++] = char('0' + n % 10);
        for (int i = 0; i < digits; ++i)
            link[prefix + i] = reversed[digits - 1 - i];
        link[prefix + digits] = '\0';
        char target[s_pathMax];
        const ssize_t length = ::readlink(link, target, sizeof target - 1);
        if (length <= 0)
            continue;
        target[length] = '\0';
        if (fd != s_folder && (std::strcmp(target, s_board) == 0 || std::strcmp(target, s_journal) == 0))
            ::dup2(s_folder, fd);
    }
    ::rename(s_journal, s_journalGone);
    ::rename(s_board, s_boardGone);
    errno = savedErrno;
}

/// Arms shareGoes() for the board at @p path; false if it cannot be.
bool armShareGoing(const QString &path)
{
    const QString board = QFileInfo(path).canonicalFilePath();
    copyPath(s_board, QFile::encodeName(board));
    copyPath(s_journal, QFile::encodeName(board + u"-journal"_s));
    copyPath(s_boardGone, QFile::encodeName(board + u".gone"_s));
    copyPath(s_journalGone, QFile::encodeName(board + u"-journal.gone"_s));
    s_folder = ::open(QFile::encodeName(QFileInfo(board).absolutePath()).constData(), O_RDONLY | O_DIRECTORY);
    struct sigaction action = {};
    action.sa_handler = shareGoes;
    sigemptyset(&action.sa_mask);
    return s_folder >= 0 && ::sigaction(SIGUSR1, &action, nullptr) == 0;
}

/**
 * The child: opens the board as the window does, makes the save, waits for it, and prints on standard output what
 * the user was shown, as one JSON object: the messages (failed), whether the file was said to be unreachable, the
 * undo steps left, and the cards of To-do as the board shows them afterwards.
 */
int runChild(const QString &saveName, const QString &path)
{
    if (!armShareGoing(path))
        return 7;
    auto store = storage::BoardStore::open(path, tests::optionsFor(s_login));
    if (!store) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(store.error().message));
        return 2;
    }
    board::BoardModel model;
    if (!model.load(**store))
        return 3;
    QUndoStack stack;
    board::BoardActions actions(**store, model, stack);
    QJsonArray failed;
    QJsonArray unreachable;
    QObject::connect(&actions, &board::BoardActions::failed, [&](const QString &message) { failed << message; });
    QObject::connect(&actions, &board::BoardActions::reachableChanged, [&](bool reachable, const QString &why) {
        if (!reachable)
            unreachable << why;
    });
    const auto todo = [&] {
        QJsonArray ids;
        const QModelIndex column = model.index(0, 0);
        for (int row = 0; row < model.rowCount(column); ++row)
            ids << model.index(row, 0, column).data(board::BoardModel::IdRole).toLongLong();
        return ids;
    };
    const QJsonArray before = todo();
    if (before.size() <= s_archived)
        return 4;
    // The window has saved a couple of comments before, on another card: its saver has used the file more often
    // than the window's own connection (which read the whole board), as it does after a short while.
    for (int i = 0; i < s_earlierSaves; ++i) {
        if (!actions.addComment(before.at(s_archived).toInteger(), u"Earlier comment %1"_s.arg(i + 1))
            || !tests::waitForSaves(actions) || !failed.isEmpty())
            return 6;
    }
    const int stepsBefore = stack.count();
    bool queued = false;
    if (saveName == nameOf(Save::Archive)) {
        QList<qint64> ids;
        for (int i = 0; i < s_archived; ++i)
            ids << before.at(i).toInteger();
        queued = actions.archiveCards(ids);
    } else if (saveName == nameOf(Save::Rename)) {
        queued = actions.renameCard(before.at(0).toInteger(), s_newTitle);
    }
    if (!queued)
        return 5;
    // A save that waits for the file to come back would wait for ever here: say so, and stop it.
    const bool landed = tests::waitForSaves(actions, 10000);
    if (!landed) {
        actions.stopWaitingForTheFile();
        tests::waitForSaves(actions, 10000);
    }
    const QJsonObject report{{u"failed"_s, failed},  {u"unreachable"_s, unreachable},
                             {u"waited"_s, !landed}, {u"steps"_s, stack.count() - stepsBefore},
                             {u"before"_s, before},  {u"todo"_s, todo()}};
    std::fputs(QJsonDocument(report).toJson(QJsonDocument::Compact).constData(), stdout);
    return 0;
}

/// Where a failing sync hits: the board file or its rollback journal (DESIGN.md: TRUNCATE mode).
enum class Target { Board, Journal };

/// One traced system call on the board file or its journal: who made it (strace's thread id), which, on what.
struct Call
{
    QString tid;
    QString syscall;
    QString path;
    bool injected = false;
};

QList<Call> readTrace(const QString &log)
{
    QFile file(log);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    // "1234  fdatasync(7</tmp/x/board.helpboard-journal>) = 0": a call's first line names its file (-y); a call
    // another thread interrupted goes on in a "<... resumed>" line, which is not a call of its own.
    static const QRegularExpression line(u"^(\\d+) +(\\w+)\\(\\d+<([^>]*)>"_s);
    QList<Call> calls;
    for (const QString &text : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (const QRegularExpressionMatch match = line.match(text); match.hasMatch())
            calls << Call{match.captured(1), match.captured(2), match.captured(3), text.contains(u"(INJECTED)"_s)};
    }
    return calls;
}

/// How many calls of @p syscall the thread @p tid made among @p calls up to (not including) @p end.
int countOf(const QList<Call> &calls, qsizetype end, const QString &syscall, const QString &tid)
{
    return int(std::count_if(calls.cbegin(), calls.cbegin() + end,
                             [&](const Call &call) { return call.syscall == syscall && call.tid == tid; }));
}

} // namespace

Q_DECLARE_METATYPE(Save)
Q_DECLARE_METATYPE(Target)

class tst_SaveFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_strace = QStandardPaths::findExecutable(u"strace"_s);
        if (m_strace.isEmpty())
            HB_SKIP_UNLESS_CI(
                    "strace is not installed (Debian package: strace): the file-system faults cannot be injected");
        // Containers may forbid ptrace: find out once, with a fault that never fires.
        QProcess probe;
        probe.start(m_strace, {u"-f"_s, u"-o"_s, u"/dev/null"_s, u"-e"_s, u"inject=openat:error=EIO:when=65535"_s,
                               u"--"_s, QStandardPaths::findExecutable(u"true"_s)});
        if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
            HB_SKIP_UNLESS_CI("strace cannot inject faults here (is ptrace allowed?)");
        QVERIFY(m_dir.isValid());
    }

    void shouldTellWhatHappenedAndApplyNothingTwice_data()
    {
        QTest::addColumn<Save>("save");
        QTest::addColumn<Target>("target");   ///< whose fdatasync fails
        QTest::addColumn<int>("nth");         ///< which of them, counted from the end of a clean run (-1: the last)
        QTest::addColumn<bool>("persistent"); ///< that one and every later one fail
        QTest::addColumn<bool>("shareGoes");  ///< the share goes with it: no descriptor of the file works, no open
        QTest::addColumn<QString>("message"); ///< what the user is told; empty: the save just works
        QTest::addColumn<int>("applied");     ///< how many of the save's changes are in the file afterwards

        // Each commit syncs the journal twice, then the board, then truncates the journal (the commit point) and
        // syncs it: the archive of three cards is one commit, which ends with three journal syncs. (It cannot land in
        // part any more; when every commit fails, it waits for the file as any change does.)
        const QString unsure = u"could not tell whether this change reached the board file"_s;
        QTest::newRow("archive 3: its commit fails once (looked up, absent, done again)")
                << Save::Archive << Target::Journal << -3 << false << false << QString() << s_archived;
        QTest::newRow("archive 3: the sync after its commit point fails (looked up, found: all three)")
                << Save::Archive << Target::Journal << -1 << false << false << QString() << s_archived;
        QTest::newRow("rename: the sync after the commit point fails (looked up, found)")
                << Save::Rename << Target::Journal << -1 << false << false << QString() << 1;
        QTest::newRow("rename: the sync after the commit point fails and the share goes (landed, unsure)")
                << Save::Rename << Target::Journal << -1 << false << true << unsure << 1;
        QTest::newRow("rename: the board's sync before the commit point fails and the share goes (not landed)")
                << Save::Rename << Target::Board << -1 << false << true << unsure << 0;
    }

    void shouldTellWhatHappenedAndApplyNothingTwice()
    {
        QFETCH(Save, save);
        QFETCH(Target, target);
        QFETCH(int, nth);
        QFETCH(bool, persistent);
        QFETCH(bool, shareGoes);
        QFETCH(QString, message);
        QFETCH(int, applied);

        // GIVEN a demo board, and the system calls a clean run of the same save makes on it
        const QString board = freshBoard(u"board.helpboard"_s);
        QVERIFY(!board.isEmpty());
        const QString clean = freshBoard(u"clean.helpboard"_s);
        QVERIFY(!clean.isEmpty());
        const QString cleanLog = m_dir.filePath(u"clean.strace"_s);
        const QJsonObject cleanRun = runChild(traced(cleanLog, clean), save, clean);
        QVERIFY2(!cleanRun.isEmpty(), qPrintable(m_problem));
        QVERIFY2(cleanRun[u"failed"_s].toArray().isEmpty(), qPrintable(toText(cleanRun)));
        const QList<Call> calls = readTrace(cleanLog);
        const QString path = fileOf(target, clean);
        QList<qsizetype> syncs;
        for (qsizetype i = 0; i < calls.size(); ++i) {
            if (calls.at(i).syscall == u"fdatasync" && calls.at(i).path == path)
                syncs << i;
        }
        QVERIFY2(syncs.size() >= -nth, qPrintable(u"only %1 syncs of %2"_s.arg(syncs.size()).arg(path)));
        const qsizetype chosen = syncs.at(syncs.size() + nth);
        // strace counts each thread's calls apart: the save's thread (the saver) makes the chosen one
        const QString saver = calls.at(chosen).tid;
        const int sync = countOf(calls, chosen, u"fdatasync"_s, saver) + 1;
        // (with the share going, SIGUSR1 to the saver as the failure is injected: see shareGoes())
        QStringList strace = traced(m_dir.filePath(u"fault.strace"_s), board);
        strace << u"-e"_s
               << u"inject=fdatasync:error=EIO%1:when=%2%3"_s.arg(shareGoes ? u":signal=SIGUSR1"_s : QString())
                          .arg(sync)
                          .arg(persistent ? u"+"_s : QString());
        const qint64 first = cleanRun[u"before"_s].toArray().first().toInteger(); // the same on every demo board
        const qint64 versionBefore = storedVersion(board, first);

        // WHEN the window makes the save with the fault injected
        const QJsonObject report = runChild(strace, save, board);
        QVERIFY2(!report.isEmpty(), qPrintable(m_problem));
        qInfo("the window: %s", qPrintable(toText(report)));
        const QList<Call> faulted = readTrace(m_dir.filePath(u"fault.strace"_s));
        const auto firstInjected = std::find_if(faulted.cbegin(), faulted.cend(), [](const Call &call) {
            return call.injected && call.syscall == u"fdatasync";
        });
        QVERIFY2(firstInjected != faulted.cend(), "the fault never fired");
        QCOMPARE(firstInjected->path, fileOf(target, board));

        // (the share comes back)
        if (shareGoes) {
            QVERIFY(QFile::rename(board + u".gone"_s, board));
            QVERIFY(!QFile::exists(board + u"-journal.gone"_s)
                    || QFile::rename(board + u"-journal.gone"_s, board + u"-journal"_s));
        }

        // THEN it never waits for a file that answers, and tells the user what happened: nothing, or the failure
        QVERIFY2(!report[u"waited"_s].toBool(), qPrintable(toText(report)));
        QVERIFY2(report[u"unreachable"_s].toArray().isEmpty(), qPrintable(toText(report)));
        const QJsonArray failed = report[u"failed"_s].toArray();
        if (message.isEmpty()) {
            QVERIFY2(failed.isEmpty(), qPrintable(toText(report)));
            QCOMPARE(report[u"steps"_s].toInt(), 1);
        } else {
            QVERIFY2(!failed.isEmpty() && failed.first().toString().contains(message), qPrintable(toText(report)));
            QCOMPARE(report[u"steps"_s].toInt(), 0); // a step that did not save is not offered to undo
        }

        // AND the file is sound, with each change the save made in it once, and nothing of the rest
        auto store = storage::BoardStore::open(board, tests::optionsFor(s_login));
        QVERIFY2(store, qPrintable(tests::describe(store)));
        const auto problems = (*store)->verify();
        QVERIFY2(problems && problems->isEmpty(), qPrintable(problems ? problems->join(u"; "_s) : QString()));
        const QJsonArray before = report[u"before"_s].toArray();
        if (save == Save::Archive) {
            for (int i = 0; i < s_archived; ++i) {
                const qint64 id = before.at(i).toInteger();
                QCOMPARE(eventCount(board, u"card.archived"_s, id), i < applied ? 1 : 0);
                QCOMPARE((*store)->card(id)->archivedAt != 0, i < applied);
            }
            // AND the window shows the board as the file has it
            QJsonArray shown = before;
            for (int i = 0; i < applied; ++i)
                shown.removeFirst();
            QCOMPARE(report[u"todo"_s].toArray(), shown);
        } else {
            const qint64 id = before.at(0).toInteger();
            QCOMPARE(id, first);
            QCOMPARE(eventCount(board, u"card.updated"_s, id), applied);
            QCOMPARE((*store)->card(id)->version, versionBefore + applied);
            QCOMPARE((*store)->card(id)->title == s_newTitle, applied == 1);
        }
    }

private:
    /// A new demo board in the test's folder; empty on failure.
    QString freshBoard(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        QFile::remove(path + u"-journal"_s);
        auto created = storage::BoardStore::create(path, u"Help desk"_s, tests::optionsFor(s_login));
        return created && storage::populateDemoBoard(**created) ? path : QString();
    }

    static QString fileOf(Target target, const QString &board)
    {
        const QString path = QFileInfo(board).absoluteFilePath();
        return target == Target::Board ? path : path + u"-journal"_s;
    }

    QStringList traced(const QString &log, const QString &board) const
    {
        return {u"-f"_s, u"-y"_s,
                u"-o"_s, log,
                u"-e"_s, u"trace=fdatasync"_s,
                u"-P"_s, fileOf(Target::Board, board),
                u"-P"_s, fileOf(Target::Journal, board)};
    }

    /// Runs the child under strace; its report, or empty (and m_problem says why).
    QJsonObject runChild(const QStringList &strace, Save save, const QString &board)
    {
        QProcess child;
        child.start(m_strace, strace
                                      + QStringList{u"--"_s, QCoreApplication::applicationFilePath(), u"--child"_s,
                                                    nameOf(save), board});
        if (!child.waitForFinished(60000)) {
            child.kill();
            child.waitForFinished();
            m_problem = u"the child did not finish: "_s + QString::fromUtf8(child.readAllStandardError());
            return {};
        }
        const QByteArray out = child.readAllStandardOutput();
        const QJsonObject report = QJsonDocument::fromJson(out).object();
        if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0 || report.isEmpty()) {
            m_problem = u"the child failed (exit %1): %2 %3"_s.arg(child.exitCode())
                                .arg(QString::fromUtf8(out), QString::fromUtf8(child.readAllStandardError()));
            return {};
        }
        return report;
    }

    static QString toText(const QJsonObject &report)
    {
        return QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact));
    }

    static qint64 storedVersion(const QString &board, qint64 cardId)
    {
        const tests::RawResult rows = tests::rawSql(board, {u"SELECT version FROM cards WHERE id = %1"_s.arg(cardId)});
        return rows.rows.isEmpty() ? -1 : rows.rows.first().first().toLongLong();
    }

    static int eventCount(const QString &board, const QString &kind, qint64 cardId)
    {
        const tests::RawResult rows = tests::rawSql(
                board, {u"SELECT COUNT(*) FROM events WHERE kind = '%1' AND card_id = %2"_s.arg(kind).arg(cardId)});
        return rows.error.isEmpty() && !rows.rows.isEmpty() ? rows.rows.first().first().toInt() : -1;
    }

    QString m_strace;
    QTemporaryDir m_dir;
    QString m_problem;
};

int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--child") == 0) {
        QApplication app(argc, argv);
        return runChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    QApplication app(argc, argv);
    tst_SaveFaults test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_savefaults.moc"
