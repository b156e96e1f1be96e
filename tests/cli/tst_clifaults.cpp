// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli when the file system fails in the middle of a save: strace injects the failure into one system call
// on the board file or its journal, found by first tracing the same command without a fault.
#include "clitestcase.h"

using namespace hb::tests;
using namespace hb::tests::cli;

namespace {

/// The saves under test, each counted in an `export --json` of the board.
enum class Save { Comment, Edit, Add, Attach };

/// Where an injected failure hits: the board file or its rollback journal (DESIGN.md: TRUNCATE mode).
enum class Target { Board, Journal };

/**
 * One system call to fail. The call is picked from a clean run of the same command on a copy of the board: among
 * the calls of @c syscall on @c target that match @c landmark, the @c nth from the start (1, 2, ...) or from the end
 * (-1 is the last), or every call (0). Counting from the end lands in the save, not in opening the board.
 */
struct Fault
{
    QString syscall;   ///< a list ("unlink,unlinkat") only with nth == 0
    QString errorName; ///< as strace spells errno: EIO, ENOSPC, ...
    Target target = Target::Journal;
    QString landmark; ///< a regular expression the traced call must match; empty: any call
    int nth = -1;
    bool persistent = false; ///< every later call of @c syscall on @c target fails as well
    QString alsoInject;      ///< a second strace inject= expression on the same file, for every call
};

/// How often strace reports "(INJECTED)" in the faulted run.
enum class Fires { Once, Repeatedly, Never };

constexpr qint64 s_card = 1;  ///< the demo card the saves change
constexpr qint64 s_other = 2; ///< the demo card that gets a change committed before the fault
const QString s_commentText = u"Rebooted the print server; the queue is moving again"_s;
const QString s_committedBefore = u"Committed before the fault: toner ordered"_s;
const QString s_editedTitle = u"Print queue stuck on floor 2 (escalated)"_s;
const QString s_newTitle = u"Replace the toner in the floor 2 printer"_s;
const QString s_attachmentName = u"printer-manual.pdf"_s;
constexpr int s_attachmentSize = 100 * 1024; ///< one chunk

// What each kind of failure tells the user (storage/sqlite/connection.cpp, Connection::mapError).
const QString s_ioMessage = u"the file system failed while using board.helpboard"_s;
const QString s_fullMessage = u"the disk or share holding board.helpboard is full"_s;
const QString s_readOnlyMessage = u"board.helpboard cannot be written (read-only file, folder or share)"_s;

QJsonObject cardIn(const QJsonObject &board, qint64 id)
{
    for (const QJsonValue &card : board.value(u"cards"_s).toArray()) {
        if (card[u"id"_s].toInteger() == id)
            return card.toObject();
    }
    return {};
}

qint64 countNamed(const QJsonArray &items, const QString &key, const QString &value)
{
    return std::count_if(items.cbegin(), items.cend(),
                         [&](const QJsonValue &item) { return item[key].toString() == value; });
}

/// The number that goes up by exactly one when @p save is applied: comments, card version, cards, attachments.
qint64 measure(Save save, const QJsonObject &board)
{
    const QJsonObject card = cardIn(board, s_card);
    switch (save) {
    case Save::Comment:
        return countNamed(card[u"comments"_s].toArray(), u"text"_s, s_commentText);
    case Save::Edit:
        return card[u"version"_s].toInteger();
    case Save::Add:
        return countNamed(board[u"cards"_s].toArray(), u"title"_s, s_newTitle);
    case Save::Attach:
        return countNamed(card[u"attachments"_s].toArray(), u"name"_s, s_attachmentName);
    }
    return -1;
}

/// The columns without their card counts, which a new card changes.
QJsonArray withoutCardCounts(const QJsonArray &columns)
{
    QJsonArray stripped;
    for (const QJsonValue &column : columns) {
        QJsonObject object = column.toObject();
        object.remove(u"card_count"_s);
        stripped.append(object);
    }
    return stripped;
}

/**
 * Empty when @p after still holds everything @p before had: all other parts equal, every earlier card unchanged
 * (the changed card too unless the change was @p applied), and the events of before as the start of after's.
 */
QString lossIn(const QJsonObject &before, const QJsonObject &after, bool applied)
{
    if (after.isEmpty())
        return u"the board cannot be exported after the fault"_s;
    for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
        if (it.key() == u"cards" || it.key() == u"events" || it.key() == u"exported")
            continue;
        const bool same = it.key() == u"columns" && applied ? withoutCardCounts(after.value(it.key()).toArray())
                                                                      == withoutCardCounts(it->toArray())
                                                            : after.value(it.key()) == *it;
        if (!same)
            return u"“%1” changed"_s.arg(it.key());
    }
    for (const QJsonValue &card : before.value(u"cards"_s).toArray()) {
        const qint64 id = card[u"id"_s].toInteger();
        if (cardIn(after, id) != card.toObject() && (id != s_card || !applied)) {
            return u"card #%1 changed: %2"_s.arg(id).arg(
                    QString::fromUtf8(QJsonDocument(cardIn(after, id)).toJson(QJsonDocument::Compact).left(400)));
        }
    }
    const QJsonArray eventsBefore = before.value(u"events"_s).toArray();
    const QJsonArray eventsAfter = after.value(u"events"_s).toArray();
    if (eventsAfter.size() < eventsBefore.size() || (!applied && eventsAfter.size() != eventsBefore.size()))
        return u"%1 events before the fault, %2 after"_s.arg(eventsBefore.size()).arg(eventsAfter.size());
    for (qsizetype i = 0; i < eventsBefore.size(); ++i) {
        if (eventsAfter.at(i) != eventsBefore.at(i))
            return u"event %1 changed"_s.arg(i);
    }
    if (!applied && after.value(u"cards"_s).toArray().size() != before.value(u"cards"_s).toArray().size())
        return u"a card appeared although the save failed"_s;
    return {};
}

QString errnoText(const QString &errorName)
{
    return u" = -1 "_s + errorName + u" "_s;
}

/// The lines of an strace log that report an injected failure.
QStringList injectedCalls(const QString &log)
{
    QFile file(log);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {u"cannot read "_s + log};
    QStringList calls;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (line.contains(u"(INJECTED)"_s))
            calls << line.left(200);
    }
    return calls;
}

} // namespace

Q_DECLARE_METATYPE(Save)
Q_DECLARE_METATYPE(Fault)
Q_DECLARE_METATYPE(Fires)

class tst_CliFaults : public CliTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    void shouldReportFaultKeepBoardAndApplySaveOnce_data();
    void shouldReportFaultKeepBoardAndApplySaveOnce();

private:
    QStringList commandFor(Save save) const;
    QString fileOf(Target target, const QString &board) const;
    /// The strace inject= expression for @p fault, picked from a clean run of @p command on a copy of the board.
    QString injection(const Fault &fault, const QStringList &command, QString *problem) const;
    CliRun runTraced(const QStringList &strace, const QString &board, const QString &opId,
                     const QStringList &command) const;

    QString m_strace;
};

void tst_CliFaults::initTestCase()
{
    m_strace = QStandardPaths::findExecutable(u"strace"_s);
    if (m_strace.isEmpty())
        HB_SKIP_UNLESS_CI(
                "strace is not installed (Debian package: strace): the file-system faults cannot be injected");
    setUpSuite();
    if (QTest::currentTestFailed())
        return;
    // Containers may forbid ptrace, and an old strace cannot inject: find out once, with a fault that never fires.
    const CliRun probe = execute(m_strace, {u"-f"_s, u"-o"_s, u"/dev/null"_s, u"-e"_s,
                                            u"inject=openat:error=EIO:when=65535"_s, u"--"_s, m_cli, u"--version"_s});
    if (probe.exitCode != Ok)
        HB_SKIP_UNLESS_CI(qPrintable(u"strace cannot inject faults here (is ptrace allowed?): "_s + describe(probe)));
}

QStringList tst_CliFaults::commandFor(Save save) const
{
    const QString card = QString::number(s_card);
    switch (save) {
    case Save::Comment:
        return {u"comment"_s, card, u"--text"_s, s_commentText};
    case Save::Edit:
        return {u"edit"_s, card, u"--title"_s, s_editedTitle};
    case Save::Add:
        return {u"add"_s, u"--title"_s, s_newTitle, u"--priority"_s, u"high"_s};
    case Save::Attach:
        return {u"attach"_s, card, m_dir->filePath(s_attachmentName)};
    }
    return {};
}

QString tst_CliFaults::fileOf(Target target, const QString &board) const
{
    const QString path = QFileInfo(board).absoluteFilePath();
    return target == Target::Board ? path : path + u"-journal"_s;
}

CliRun tst_CliFaults::runTraced(const QStringList &strace, const QString &board, const QString &opId,
                                const QStringList &command) const
{
    return execute(m_strace,
                   strace + QStringList{u"--"_s, m_cli, u"--board"_s, board, u"--as"_s, s_admin, u"--op-id"_s, opId}
                           + command);
}

QString tst_CliFaults::injection(const Fault &fault, const QStringList &command, QString *problem) const
{
    const QString spec = fault.syscall + u":error="_s + fault.errorName;
    if (fault.nth == 0)
        return spec;

    // The same command without a fault, on a copy of the board as it is now.
    const QString copy = m_dir->filePath(u"clean-run.helpboard"_s);
    const QString log = m_dir->filePath(u"clean-run.strace"_s);
    if (!QFile::copy(m_board, copy)
        || (QFile::exists(fileOf(Target::Journal, m_board))
            && !QFile::copy(fileOf(Target::Journal, m_board), fileOf(Target::Journal, copy)))) {
        *problem = u"cannot copy the board"_s;
        return {};
    }
    const CliRun clean = runTraced(
            {u"-f"_s, u"-y"_s, u"-o"_s, log, u"-e"_s, u"trace="_s + fault.syscall, u"-P"_s, fileOf(fault.target, copy)},
            copy, QUuid::createUuid().toString(QUuid::WithoutBraces), command);
    if (clean.exitCode != Ok) {
        *problem = u"the command fails without a fault: "_s + describe(clean);
        return {};
    }
    QFile file(log);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *problem = u"cannot read "_s + log;
        return {};
    }
    // strace counts every call of the system call on the file; the fault hits the one the landmark picks.
    const QRegularExpression call(u"^(\\d+ +)?"_s + QRegularExpression::escape(fault.syscall) + u"\\("_s);
    const QRegularExpression landmark(fault.landmark);
    QList<int> candidates;
    int calls = 0;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (!call.match(line).hasMatch())
            continue;
        ++calls;
        if (line.contains(landmark))
            candidates << calls;
    }
    const qsizetype index = fault.nth > 0 ? fault.nth - 1 : candidates.size() + fault.nth;
    if (index < 0 || index >= candidates.size()) {
        *problem = u"a clean run makes %1 %2 call(s) on %3 matching “%4”, too few for call %5"_s.arg(candidates.size())
                           .arg(fault.syscall, fileOf(fault.target, copy), fault.landmark)
                           .arg(fault.nth);
        return {};
    }
    return spec + u":when="_s + QString::number(candidates.at(index)) + (fault.persistent ? u"+"_s : QString());
}

void tst_CliFaults::shouldReportFaultKeepBoardAndApplySaveOnce_data()
{
    QTest::addColumn<Save>("save");
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<Fires>("fires");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message"); ///< what stderr says, for a failed save
    QTest::addColumn<bool>("applied");    ///< the change is on the board right after the faulted run

    // A save in TRUNCATE mode: journal written, journal synced (fdatasync; SQLite never calls fsync on Linux),
    // journal header written and synced, board pages written and synced, journal truncated (the commit point) and
    // synced. Before it, opening the board probes with a rolled-back write, which truncates and syncs the journal too.
    const QString eio = u"EIO"_s;
    const QString ebusy = u"EBUSY"_s;
    const QString enospc = u"ENOSPC"_s;
    const QString erofs = u"EROFS"_s;
    QTest::newRow("comment: fdatasync EIO on the journal after the commit point (landed, outcome unknown)")
            << Save::Comment << Fault{u"fdatasync"_s, eio, Target::Journal, {}, -1, false, {}} << Fires::Once << int(Ok)
            << QString() << true;
    QTest::newRow("edit: fdatasync EIO on the board file before the commit point (rolled back, retried)")
            << Save::Edit << Fault{u"fdatasync"_s, eio, Target::Board, {}, -1, false, {}} << Fires::Once << int(Ok)
            << QString() << true;
    QTest::newRow("add: fdatasync EIO on the journal from the save's first sync on, every retry too")
            << Save::Add << Fault{u"fdatasync"_s, eio, Target::Journal, {}, -3, true, {}} << Fires::Repeatedly
            << int(IoError) << s_ioMessage << false;
    QTest::newRow("comment: pwrite64 ENOSPC on the board file while committing")
            << Save::Comment << Fault{u"pwrite64"_s, enospc, Target::Board, {}, 1, false, {}} << Fires::Once
            << int(IoError) << s_fullMessage << false;
    QTest::newRow("add: pwrite64 ENOSPC on the save's journal header (its first journal write)")
            << Save::Add << Fault{u"pwrite64"_s, enospc, Target::Journal, u", 512, 0\\) = 512$"_s, -1, false, {}}
            << Fires::Once << int(IoError) << s_fullMessage << false;
    // A disk full before the command starts fails the open's write probe too: still "full" (exit 7), not read-only.
    QTest::newRow("comment: pwrite64 ENOSPC on every journal write, from the open's write probe on")
            << Save::Comment << Fault{u"pwrite64"_s, enospc, Target::Journal, {}, 0, false, {}} << Fires::Repeatedly
            << int(IoError) << s_fullMessage << false;
    QTest::newRow("comment: ftruncate EBUSY on the journal at the commit point (not committed, retried)")
            << Save::Comment << Fault{u"ftruncate"_s, ebusy, Target::Journal, {}, -1, false, {}} << Fires::Once
            << int(Ok) << QString() << true;
    QTest::newRow("edit: ftruncate EBUSY on the journal at the commit point of every attempt")
            << Save::Edit << Fault{u"ftruncate"_s, ebusy, Target::Journal, {}, -1, true, {}} << Fires::Repeatedly
            << int(IoError) << s_ioMessage << false;
    // TRUNCATE mode never deletes the journal, so a share that refuses to delete files cannot fail a save.
    QTest::newRow("comment: unlink EBUSY on the journal (TRUNCATE mode never deletes it)")
            << Save::Comment << Fault{u"unlink,unlinkat"_s, ebusy, Target::Journal, {}, 0, false, {}} << Fires::Never
            << int(Ok) << QString() << true;
    // ... not even when the journal left by a failed commit point is rolled back before the retry.
    QTest::newRow("comment: ftruncate EBUSY at the commit point while the share refuses to delete the journal")
            << Save::Comment
            << Fault{u"ftruncate"_s, ebusy, Target::Journal, {}, -1, false, u"unlink,unlinkat:error=EBUSY"_s}
            << Fires::Once << int(Ok) << QString() << true;
    // Refused once, SQLite opens the journal read-only and fails to write it; the share still takes writes, so this
    // is an I/O error, not a read-only board.
    QTest::newRow("comment: openat EROFS on the journal when the save opens it")
            << Save::Comment << Fault{u"openat"_s, erofs, Target::Journal, {}, -1, false, {}} << Fires::Once
            << int(IoError) << s_ioMessage << false;
    // A share turned read-only while the board is open refuses the journal from then on: said as read-only.
    QTest::newRow("edit: openat EROFS on the journal from the save on (share turned read-only)")
            << Save::Edit << Fault{u"openat"_s, erofs, Target::Journal, {}, -1, true, {}} << Fires::Repeatedly
            << int(Forbidden) << s_readOnlyMessage << false;
    QTest::newRow("add: openat EROFS when SQLite opens the board for writing (read-only share)")
            << Save::Add << Fault{u"openat"_s, erofs, Target::Board, u"O_RDWR"_s, -1, false, {}} << Fires::Once
            << int(Forbidden) << s_readOnlyMessage << false;
    // An attachment is saved in steps: the "uploading" row, each chunk, then "ready" with the operation id.
    QTest::newRow("attach: fdatasync EIO on the journal after the final commit point (landed, outcome unknown)")
            << Save::Attach << Fault{u"fdatasync"_s, eio, Target::Journal, {}, -1, false, {}} << Fires::Once << int(Ok)
            << QString() << true;
    // The uploading row and each chunk are written again after such a commit (a row that did land stays unseen).
    QTest::newRow("attach: fdatasync EIO on the journal after the uploading row landed")
            << Save::Attach << Fault{u"fdatasync"_s, eio, Target::Journal, {}, -7, false, {}} << Fires::Once << int(Ok)
            << QString() << true;
    QTest::newRow("attach: fdatasync EIO on the journal from the chunk's first sync on")
            << Save::Attach << Fault{u"fdatasync"_s, eio, Target::Journal, {}, -6, true, {}} << Fires::Repeatedly
            << int(IoError) << s_ioMessage << false;
}

void tst_CliFaults::shouldReportFaultKeepBoardAndApplySaveOnce()
{
    QFETCH(Save, save);
    QFETCH(Fault, fault);
    QFETCH(Fires, fires);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QFETCH(bool, applied);

    // GIVEN a board with a change committed just before the fault
    QVERIFY(useDemoBoard());
    if (save == Save::Attach) {
        QByteArray content(s_attachmentSize, '\0');
        for (int i = 0; i < content.size(); ++i)
            content[i] = char(i * 7 % 251);
        QVERIFY(writeFile(m_dir->filePath(s_attachmentName), content));
    }
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"comment"_s, QString::number(s_other), u"--text"_s, s_committedBefore}));
    const QJsonObject before = exportBoard();
    QVERIFY(!cardIn(before, s_card).isEmpty());
    QCOMPARE(countNamed(cardIn(before, s_other)[u"comments"_s].toArray(), u"text"_s, s_committedBefore), 1);
    const qint64 base = measure(save, before);
    const QStringList command = commandFor(save);

    // AND the system call to fail, picked from a clean run of the same command
    QString problem;
    const QString inject = injection(fault, command, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QStringList strace{u"-f"_s, u"-y"_s, u"-o"_s, m_dir->filePath(u"fault.strace"_s), u"-e"_s, u"inject="_s + inject};
    if (!fault.alsoInject.isEmpty())
        strace << u"-e"_s << u"inject="_s + fault.alsoInject;
    strace << u"-P"_s << fileOf(fault.target, m_board);

    // WHEN the command saves with the fault injected
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const CliRun faulted = runTraced(strace, m_board, opId, command);
    const QStringList injected = injectedCalls(m_dir->filePath(u"fault.strace"_s));
    const QString fired = u"; strace %1 (%2): %3"_s.arg(inject, fault.alsoInject, injected.join(u" | "_s));

    // THEN the fault hit the save (and, in TRUNCATE mode, no journal is ever deleted)
    if (fires == Fires::Never)
        QVERIFY2(injected.isEmpty(), qPrintable(u"the save made a call it should never make"_s + fired));
    else
        QVERIFY2(!injected.isEmpty(), qPrintable(u"the fault never fired"_s + fired));
    for (const QString &call : injected)
        QVERIFY2(call.contains(errnoText(fault.errorName)), qPrintable(call));

    // AND the user gets the message for that failure, or the save succeeded once the store made sure
    if (exitCode == Ok) {
        QVERIFY2(faulted.exitCode == Ok && faulted.err.isEmpty() && faulted.outLine().toLongLong() > 0,
                 qPrintable(describe(faulted) + fired));
    } else {
        QVERIFY2(faulted.exitCode == exitCode,
                 qPrintable(u"expected exit code %1; "_s.arg(exitCode) + describe(faulted) + fired));
        const QString notOneLine = errorLineProblem(faulted);
        QVERIFY2(notOneLine.isEmpty(), qPrintable(notOneLine));
        QVERIFY2(QString::fromUtf8(faulted.err).contains(message), qPrintable(describe(faulted)));
    }
    if (fires == Fires::Once)
        QVERIFY2(injected.size() == 1, qPrintable(u"expected one injected failure"_s + fired));
    if (fires == Fires::Repeatedly)
        QVERIFY2(injected.size() > 1, qPrintable(u"the store did not retry the save"_s + fired));

    // AND nothing committed before is lost: the board is sound and all it had is still there
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
    const QJsonObject after = exportBoard();
    const QString loss = lossIn(before, after, applied);
    QVERIFY2(loss.isEmpty(), qPrintable(loss));
    QCOMPARE(measure(save, after), base + (applied ? 1 : 0));

    // WHEN the same command runs again with the same operation id, twice, without a fault
    const QStringList again = QStringList{u"--op-id"_s, opId} + command;
    const CliRun retried = runAs(s_admin, again);
    QVERIFY_SUCCEEDS(retried);
    const CliRun retriedAgain = runAs(s_admin, again);
    QVERIFY_SUCCEEDS(retriedAgain);

    // THEN the change is there exactly once, and every run reports the same result
    QCOMPARE(retriedAgain.outLine(), retried.outLine());
    if (faulted.exitCode == Ok)
        QCOMPARE(retried.outLine(), faulted.outLine());
    const QJsonObject done = exportBoard();
    QCOMPARE(measure(save, done), base + 1);
    QCOMPARE(lossIn(before, done, true), QString());
    if (save == Save::Edit)
        QCOMPARE(cardIn(done, s_card)[u"title"_s].toString(), s_editedTitle);
    QVERIFY_SUCCEEDS(runAs(s_admin, {u"verify"_s}));
}

QTEST_GUILESS_MAIN(tst_CliFaults)
#include "tst_clifaults.moc"
