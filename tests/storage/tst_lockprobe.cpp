// SPDX-License-Identifier: GPL-3.0-or-later
// Shares that do not pass file locks: real helpboard-cli processes on one board, some of them under a lock-dropping
// LD_PRELOAD shim (their locks reach no one, as on a cifs nobrl mount). A writer that cannot prove the share passes
// locks refuses (exit 5, with the reason); the file is never damaged. Also the mountinfo rules, stale reads, the
// self-test, and seeded fuzz loops over the mountinfo and heartbeat record readers.
#include "support/testsupport.h"

#include <storage/boardstore.h>
#include <storage/lockprobe.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <fcntl.h>
#include <unistd.h>

#include <memory>

using namespace hb;
using storage::LockProbe;
using storage::LockRecord;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

QByteArray mountLine(const QString &point, const QString &type, const QString &options, const QString &super)
{
    return QStringLiteral("36 25 0:32 / %1 %2 master:1 - %3 //server/share %4\n")
            .arg(point, options, type, super)
            .toUtf8();
}

} // namespace

class tst_LockProbe : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_board;
    int m_boards = 0;

    Run cli(const QStringList &arguments, bool dropLocks = false, const QStringList &env = {}) const
    {
        QProcess process;
        process.setProcessEnvironment(tests::lockTestEnvironment(dropLocks, env));
        process.start(qEnvironmentVariable("HELPBOARD_CLI"),
                      QStringList{QStringLiteral("--board"), m_board} + arguments);
        Run run;
        if (!process.waitForFinished(60000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    /// A colleague with the board open, as ben, that holds it (null if it ended or could not start first).
    std::unique_ptr<QProcess> holdOpen(bool dropLocks, int seconds = 20)
    {
        auto process = tests::holdBoardOpen(m_board, QStringLiteral("ben"), dropLocks, seconds);
        if (process && process->state() == QProcess::NotRunning)
            return nullptr;
        return process;
    }

    int cardCount() const
    {
        const auto result = tests::rawSql(m_board, {QStringLiteral("SELECT count(*) FROM cards")});
        return result.error.isEmpty() && !result.rows.isEmpty() ? result.rows.first().value(0).toInt() : -1;
    }

    QString integrity() const
    {
        const auto result = tests::rawSql(m_board, {QStringLiteral("PRAGMA integrity_check")});
        return result.error.isEmpty() && !result.rows.isEmpty() ? result.rows.first().value(0).toString()
                                                                : result.error;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariable("HELPBOARD_CLI").isEmpty(), "ctest sets HELPBOARD_CLI");
        QVERIFY2(QFile::exists(qEnvironmentVariable("HELPBOARD_DROPLOCKS_LIB")), "ctest sets HELPBOARD_DROPLOCKS_LIB");
    }

    void init()
    {
        // A fresh board (and side file) for each test: a refusal is remembered in the side file.
        m_board = m_dir.filePath(QStringLiteral("board%1.helpboard").arg(++m_boards));
        auto created =
                storage::BoardStore::create(m_board, QStringLiteral("Locks"), tests::optionsFor(QStringLiteral("ben")));
        QVERIFY2(created, qPrintable(tests::describe(created)));
    }

    void shouldWriteAtOnceWhenTheColleaguesLockIsSeen()
    {
        // GIVEN a colleague with the board open on a share that passes locks
        auto colleague = holdOpen(false);
        QVERIFY(colleague);
        // WHEN a second desktop adds a card
        QElapsedTimer clock;
        clock.start();
        const Run added = cli({QStringLiteral("--as"), QStringLiteral("ben"), QStringLiteral("add"),
                               QStringLiteral("--title"), QStringLiteral("Printer")});
        // THEN it writes, without waiting
        QCOMPARE(added.exitCode, 0);
        qInfo("add next to a colleague whose lock is seen: %lld ms", qint64(clock.elapsed()));
        QCOMPARE(cardCount(), 1);
        QCOMPARE(colleague->state(), QProcess::Running);
        colleague->kill();
        colleague->waitForFinished(5000);
    }

    void shouldRefuseTheSecondWriterWhenLocksDoNotReach_data()
    {
        QTest::addColumn<bool>("colleagueDropsLocks");
        QTest::newRow("the writer's locks reach no one") << false;
        QTest::newRow("the colleague's locks reach no one") << true;
    }

    void shouldRefuseTheSecondWriterWhenLocksDoNotReach()
    {
        QFETCH(bool, colleagueDropsLocks);
        // GIVEN a colleague with the board open, and locks that do not reach between the two
        auto colleague = holdOpen(colleagueDropsLocks);
        QVERIFY(colleague);
        // WHEN a second desktop adds a card
        QElapsedTimer clock;
        clock.start();
        const Run added = cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Printer")},
                              !colleagueDropsLocks);
        // THEN it refuses (exit 5), names the problem and the colleague's desktop, and wrote nothing
        QCOMPARE(added.exitCode, 5);
        qInfo("refused after %lld ms: %s", qint64(clock.elapsed()), qPrintable(added.err.trimmed()));
        QVERIFY2(added.err.contains(u"file locks do not reach"), qPrintable(added.err));
        QVERIFY2(added.err.contains(QSysInfo::machineHostName()), qPrintable(added.err));
        QVERIFY2(added.err.contains(u"ben's desktop"), qPrintable(added.err));
        QCOMPARE(cardCount(), 0);
        // AND the colleague stops writing too, with the same reason
        QVERIFY(colleague->state() == QProcess::NotRunning
                || colleague->waitForFinished(5000)); // it may have gone first
        QCOMPARE(colleague->exitCode(), 5);
        QVERIFY(QString::fromUtf8(colleague->readAllStandardError()).contains(u"file locks do not reach"));
        // AND later writers refuse at once (the side file remembers), while the file stays sound
        const Run later = cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Later")});
        QCOMPARE(later.exitCode, 5);
        QVERIFY(later.err.contains(u"file locks do not reach"));
        QCOMPARE(integrity(), QStringLiteral("ok"));
        QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);
    }

    void shouldRefuseTwoCliRunsThatOverlap_data()
    {
        QTest::addColumn<bool>("longRunDropsLocks");
        QTest::newRow("the long run's locks reach no one") << true;
        QTest::newRow("the short run's locks reach no one") << false;
    }

    void shouldRefuseTwoCliRunsThatOverlap()
    {
        QFETCH(bool, longRunDropsLocks);
        // GIVEN a card, and a CLI run attaching a 40 MB file on a slow share (ten transactions of seconds in all),
        // whose locks do not reach between the two desktops
        QCOMPARE(cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Printer")}).exitCode, 0);
        const QString big = m_dir.filePath(QStringLiteral("big.bin"));
        {
            QFile file(big);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray block(1 << 20, '\0');
            for (int i = 0; i < 40; ++i) {
                for (qsizetype at = 0; at < block.size(); at += 8)
                    *reinterpret_cast<quint64 *>(block.data() + at) = QRandomGenerator::global()->generate64();
                QCOMPARE(file.write(block), block.size());
            }
        }
        QProcess longRun;
        QProcessEnvironment slow = tests::lockTestEnvironment(true, {QStringLiteral("HELPBOARD_SLOW_SYNC_MS=100")});
        if (!longRunDropsLocks)
            slow.insert(QStringLiteral("HELPBOARD_DROPLOCKS"), QStringLiteral("keep"));
        longRun.setProcessEnvironment(slow);
        longRun.start(qEnvironmentVariable("HELPBOARD_CLI"),
                      {QStringLiteral("--board"), m_board, QStringLiteral("attach"), QStringLiteral("1"), big});
        // WHEN, while it writes (its heartbeat in the side file), a second run adds a card
        QElapsedTimer clock;
        clock.start();
        bool writing = false;
        while (!writing && clock.elapsed() < 10000 && longRun.state() != QProcess::NotRunning) {
            QTest::qWait(20);
            QFile side(LockProbe::sidePath(m_board));
            if (side.open(QIODevice::ReadOnly)) {
                const QByteArray all = side.readAll();
                for (qsizetype at = 512; at + LockRecord::s_size <= all.size() && !writing; at += LockRecord::s_size) {
                    const auto record = LockRecord::parse(QByteArrayView(all).sliced(at, LockRecord::s_size));
                    writing = record && record->pid == quint32(longRun.processId()) && record->counter > 1;
                }
            }
        }
        QVERIFY2(writing, "the long run looks again while it writes");
        const Run added =
                cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Scanner")}, !longRunDropsLocks);
        QVERIFY(longRun.waitForFinished(60000));
        const QString longErr = QString::fromUtf8(longRun.readAllStandardError());
        qInfo("short run: exit %d after %lld ms; long run: exit %d (%s)", added.exitCode, qint64(clock.elapsed()),
              longRun.exitCode(), qPrintable(longErr.trimmed()));
        // THEN the short run refuses (exit 5) and says why, and the long run stops writing too
        QCOMPARE(added.exitCode, 5);
        QVERIFY2(added.err.contains(u"file locks do not reach"), qPrintable(added.err));
        QCOMPARE(longRun.exitCode(), 5);
        QVERIFY2(longErr.contains(u"file locks do not reach"), qPrintable(longErr));
        // AND neither wrote what it was refused (the upload stopped part-way, for purge-uploads); the file is sound
        QCOMPARE(cardCount(), 1);
        const auto attachments =
                tests::rawSql(m_board, {QStringLiteral("SELECT count(*) FROM attachments WHERE state = 'ready'")});
        QVERIFY2(attachments.error.isEmpty(), qPrintable(attachments.error));
        QCOMPARE(attachments.rows.first().value(0).toInt(), 0);
        QCOMPARE(integrity(), QStringLiteral("ok"));
    }

    void shouldNotCommitOnceTheShareIsFoundNotToPassLocks()
    {
        // GIVEN a store of the board in this process, in the middle of a change
        auto store = storage::BoardStore::open(m_board, tests::optionsFor(QStringLiteral("ben")));
        QVERIFY2(store, qPrintable(tests::describe(store)));
        const auto columns = (*store)->columns();
        QVERIFY(columns && !columns->isEmpty());
        storage::NewCard card;
        card.columnId = columns->constFirst().id;
        card.title = QStringLiteral("Printer");
        // WHEN the share is found not to pass locks while the change is being made (here, by a custom gate that
        // records the refusal once the write has passed it, as the process's watch does in the background)
        storage::LockProbe::setWriteGate([](const QString &path, const QString &) {
            LockProbe::refuse(path, QStringLiteral("file locks do not reach between desk-1 and desk-2"));
            return storage::Status();
        });
        const auto created = (*store)->createCard(card);
        storage::LockProbe::setWriteGate({});
        // THEN the change does not land, and says why
        QVERIFY(!created);
        QVERIFY2(created.error().kind == storage::ErrorKind::ReadOnly, qPrintable(created.error().message));
        QVERIFY2(created.error().message.contains(u"file locks do not reach"), qPrintable(created.error().message));
        LockProbe::forgetRefusal(m_board);
        QCOMPARE(cardCount(), 0);
    }

    void shouldLeaveNoHalfMadeBoardWhileTheShareIsStillBeingProven()
    {
        // GIVEN a process whose proof of the share is still under way (the window's thread is told Busy meanwhile)
        storage::LockProbe::setWriteGate([](const QString &, const QString &) -> storage::Status {
            return storage::Error{storage::ErrorKind::Busy,
                                  QStringLiteral("still checking that the share passes locks")};
        });
        // WHEN a new board is made there
        const QString path = m_dir.filePath(QStringLiteral("new%1.helpboard").arg(m_boards));
        const auto created = storage::BoardStore::create(path, QStringLiteral("New"));
        storage::LockProbe::setWriteGate({});
        // THEN it says to try again (Busy, not read-only), and leaves nothing behind for the next try to trip on
        QVERIFY(!created);
        QCOMPARE(created.error().kind, storage::ErrorKind::Busy);
        QVERIFY(!QFile::exists(path));
        QVERIFY(storage::BoardStore::create(path, QStringLiteral("New")));
    }

    void shouldNotCryWolfForAColleagueThatCrashed()
    {
        // GIVEN a colleague that had the board open and was killed (its record stays, its lock went with it)
        auto colleague = holdOpen(false);
        QVERIFY(colleague);
        colleague->kill();
        QVERIFY(colleague->state() == QProcess::NotRunning
                || colleague->waitForFinished(5000)); // it may have gone first
        // WHEN another desktop adds a card (here a different host's record would be waited for; this one is gone)
        const Run added = cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Printer")});
        // THEN it writes
        QCOMPARE(added.exitCode, 0);
        QCOMPARE(cardCount(), 1);
    }

    void shouldRefuseWhenTheShareRefusesLocks()
    {
        // GIVEN a share on which locking the side file fails with ENOLCK
        const Run added = cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Printer")}, true,
                              {QStringLiteral("HELPBOARD_DROPLOCKS=enolck")});
        // THEN nothing is written: exit 5, and why
        QCOMPARE(added.exitCode, 5);
        QVERIFY2(added.err.contains(u"does not support file locks"), qPrintable(added.err));
        QCOMPARE(cardCount(), 0);
    }

    void shouldRefuseOnAMountKnownToKeepLocksLocal()
    {
        // GIVEN the board's folder on a cifs share mounted with nobrl
        const QString mountinfo = m_dir.filePath(QStringLiteral("mountinfo"));
        QVERIFY(tests::writeFile(
                mountinfo,
                mountLine(QStringLiteral("/"), QStringLiteral("ext4"), QStringLiteral("rw"), QStringLiteral("rw"))
                        + mountLine(m_dir.path(), QStringLiteral("cifs"), QStringLiteral("rw,relatime"),
                                    QStringLiteral("rw,vers=3.1.1,cache=strict,nobrl"))));
        // AND a daily check due, whose stamp an opening process writes
        tests::rawSql(m_board, {QStringLiteral("UPDATE meta SET value = '0' WHERE key = 'last_check_at'")});
        const QByteArray before = tests::sha256Of(m_board);
        // WHEN a card is added, and the board only read
        const Run added = cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Printer")}, false,
                              {QStringLiteral("HELPBOARD_MOUNTINFO=") + mountinfo});
        const Run listed = cli({QStringLiteral("list")}, false, {QStringLiteral("HELPBOARD_MOUNTINFO=") + mountinfo});
        // THEN the write is refused with the mount option to remove; reading still works
        QCOMPARE(added.exitCode, 5);
        QVERIFY2(added.err.contains(u"nobrl"), qPrintable(added.err));
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(cardCount(), 0);
        // AND not a byte was written, not even the daily check's stamp
        QCOMPARE(tests::sha256Of(m_board), before);
    }

    void shouldSayThisComputerSeesAnOldCopy()
    {
        // GIVEN a desktop with the board open that has seen two changes
        auto colleague = holdOpen(false);
        QVERIFY(colleague);
        const QString old = m_dir.filePath(QStringLiteral("old%1.helpboard").arg(m_boards));
        QVERIFY(QFile::copy(m_board, old));
        QCOMPARE(cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("One")}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Two")}).exitCode, 0);
        QVERIFY(tests::waitForLooks(*colleague, 2)); // it has seen them
        // WHEN it reads an older version of the file (as a share's stale cache serves it)
        QFile older(old);
        QVERIFY(older.open(QIODevice::ReadOnly));
        const QByteArray bytes = older.readAll();
        const int fd = ::open(QFile::encodeName(m_board).constData(), O_WRONLY);
        QVERIFY(fd >= 0);
        QCOMPARE(::pwrite(fd, bytes.constData(), size_t(bytes.size()), 0), ssize_t(bytes.size()));
        QCOMPARE(::ftruncate(fd, off_t(bytes.size())), 0);
        // THEN it stops writing, and says why
        QVERIFY(colleague->state() == QProcess::NotRunning
                || colleague->waitForFinished(5000)); // it may have gone first
        QCOMPARE(colleague->exitCode(), 5);
        const QString why = QString::fromUtf8(colleague->readAllStandardError());
        QVERIFY2(why.contains(u"this computer sees an old copy of the board"), qPrintable(why));
        ::close(fd);
    }

    void shouldNotCryWolfWhenASaveIsRolledBack()
    {
        // GIVEN a desktop with the board open (it looks every quarter second)
        auto colleague = holdOpen(false);
        QVERIFY(colleague);
        QCOMPARE(cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("One")}).exitCode, 0);
        QVERIFY(tests::waitForLooks(*colleague, 2)); // it has seen it
        // WHEN a save is under way (its journal has content, the header's change counter moved on) and is then rolled
        // back, as when it fails or its process dies and the next opener rolls it back
        QFile board(m_board);
        QVERIFY(board.open(QIODevice::ReadWrite));
        QVERIFY(board.seek(24));
        const QByteArray counter = board.read(4);
        const quint32 before = qFromBigEndian<quint32>(counter.constData());
        QVERIFY(tests::writeFile(m_board + QStringLiteral("-journal"), QByteArray(4096, '\x5a')));
        char ahead[4];
        qToBigEndian<quint32>(before + 1, ahead);
        QVERIFY(board.seek(24));
        QCOMPARE(board.write(ahead, 4), qint64(4));
        QVERIFY(board.flush());
        QVERIFY(tests::waitForLooks(*colleague, 2)); // looked at while the save was under way
        QVERIFY(board.seek(24));
        QCOMPARE(board.write(counter), qint64(4));
        QVERIFY(board.flush());
        QFile(m_board + QStringLiteral("-journal")).resize(0);
        QVERIFY(tests::waitForLooks(*colleague, 2));
        // THEN it goes on: the counter of a save that never landed is no sign of an old copy
        QCOMPARE(colleague->state(), QProcess::Running);
        QCOMPARE(cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Two")}).exitCode, 0);
        colleague->kill();
        colleague->waitForFinished(5000);
    }

    void shouldSayThisComputerSeesAnOldCopyWhenAColleagueReadANewerOne_data()
    {
        QTest::addColumn<bool>("alive");
        QTest::newRow("a colleague that holds its slot") << true;
        // e.g. a window killed a minute ago on a board since made again under the same name (or restored): its
        // record is fresh and names a change the new file never had, but nobody reads that newer copy now
        QTest::newRow("a colleague gone, its record left") << false;
    }

    void shouldSayThisComputerSeesAnOldCopyWhenAColleagueReadANewerOne()
    {
        QFETCH(bool, alive);
        // GIVEN a colleague (this test, holding its slot's lock while it lives) that read change 1000 of the board
        QString error;
        const QString side = LockProbe::sidePath(m_board);
        const int fd = ::open(QFile::encodeName(side).constData(), O_RDWR | O_CREAT, 0666);
        QVERIFY(fd >= 0);
        struct flock lock = {};
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        lock.l_start = 512;
        lock.l_len = 1;
        if (alive)
            QCOMPARE(::fcntl(fd, F_SETLK, &lock), 0);
        LockRecord record;
        record.slot = 0;
        record.pid = 1; // not this process: its own records are not colleagues
        record.host = QStringLiteral("desk-7");
        record.login = QStringLiteral("ann");
        record.fileCounter = 1000;
        record.counter = 5;
        record.beats = true;
        record.time = QDateTime::currentMSecsSinceEpoch();
        const QByteArray bytes = record.encode();
        QCOMPARE(::pwrite(fd, bytes.constData(), size_t(bytes.size()), 512), ssize_t(bytes.size()));
        // WHEN a desktop that reads an older file change counter adds a card
        const Run added = cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Printer")});
        ::close(fd);
        if (!alive) {
            // THEN a record nobody keeps alive is no sign of an old copy
            QVERIFY2(added.exitCode == 0, qPrintable(added.err));
            QCOMPARE(cardCount(), 1);
            return;
        }
        // THEN it refuses, naming the colleague
        QCOMPARE(added.exitCode, 5);
        QVERIFY2(added.err.contains(u"this computer sees an old copy of the board"), qPrintable(added.err));
        QVERIFY2(added.err.contains(u"ann's desktop desk-7"), qPrintable(added.err));
        QCOMPARE(cardCount(), 0);
    }

    void shouldSeeAColleagueThatTookThisProcesssSlot()
    {
        // GIVEN this process holding a slot (with a login longer than a record keeps: its own record stays its own)
        auto probe = LockProbe::start(m_board, QString(100, QLatin1Char('l')));
        QVERIFY2(probe, qPrintable(tests::describe(probe)));
        QVERIFY((*probe)->look());
        QVERIFY((*probe)->look());
        // WHEN another desktop writes its heartbeat into that same slot (it got the lock too)
        LockRecord intruder;
        intruder.slot = 0;
        intruder.pid = 1;
        intruder.host = QStringLiteral("desk-9");
        intruder.login = QStringLiteral("carl");
        intruder.counter = 1;
        intruder.beats = true;
        intruder.time = QDateTime::currentMSecsSinceEpoch();
        const int fd = ::open(QFile::encodeName(LockProbe::sidePath(m_board)).constData(), O_RDWR);
        QVERIFY(fd >= 0);
        const QByteArray bytes = intruder.encode();
        QCOMPARE(::pwrite(fd, bytes.constData(), size_t(bytes.size()), 512), ssize_t(bytes.size()));
        // THEN the next look finds that locks do not reach, and every store of the file here turns read-only
        const auto looked = (*probe)->look();
        QVERIFY(!looked);
        QVERIFY2(looked.error().message.contains(u"carl's desktop desk-9"), qPrintable(looked.error().message));
        auto store = storage::BoardStore::open(m_board, tests::optionsFor(QStringLiteral("ben")));
        QVERIFY(store);
        QVERIFY((*store)->isReadOnly());
        QVERIFY((*store)->readOnlyReason().contains(u"file locks do not reach"));
        probe->reset();
        LockProbe::forgetRefusal(m_board);
        ::close(fd); // this process's probe is gone: dropping its locks on the file no longer matters
    }

    void shouldGiveTheSelftestsVerdict_data()
    {
        QTest::addColumn<int>("desktops");
        QTest::addColumn<bool>("secondDropsLocks");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("two desktops, locks reach") << 2 << false << 0 << QStringLiteral("Verdict: sound");
        QTest::newRow("two desktops, locks do not reach") << 2 << true << 5 << QStringLiteral("Verdict: UNSAFE");
        QTest::newRow("one desktop") << 1 << false << 2 << QStringLiteral("Verdict: could not tell");
    }

    void shouldGiveTheSelftestsVerdict()
    {
        QFETCH(int, desktops);
        QFETCH(bool, secondDropsLocks);
        QFETCH(int, expected);
        QFETCH(QString, verdict);
        const QString folder = m_dir.filePath(QStringLiteral("selftest%1").arg(m_boards));
        QVERIFY(QDir().mkpath(folder));
        std::vector<std::unique_ptr<QProcess>> runs;
        for (int i = 0; i < desktops; ++i) {
            auto process = std::make_unique<QProcess>();
            process->setProcessEnvironment(tests::lockTestEnvironment(
                    i == 1 && secondDropsLocks, {QStringLiteral("HELPBOARD_SELFTEST_WAIT_MS=2000")}));
            process->start(qEnvironmentVariable("HELPBOARD_CLI"), {QStringLiteral("selftest"), folder});
            runs.push_back(std::move(process));
        }
        for (auto &process : runs) {
            QVERIFY(process->waitForFinished(20000));
            const QString out = QString::fromUtf8(process->readAllStandardOutput());
            qInfo("%s", qPrintable(out.trimmed().section(QLatin1Char('\n'), -1)));
            QCOMPARE(process->exitCode(), expected);
            QVERIFY2(out.contains(verdict), qPrintable(out));
        }
    }

    void shouldReadMountRules_data()
    {
        QTest::addColumn<QByteArray>("mountinfo");
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("refusal"); // a word the reason holds; empty: allowed
        const QByteArray root =
                mountLine(QStringLiteral("/"), QStringLiteral("ext4"), QStringLiteral("rw"), QStringLiteral("rw"));
        const auto row = [&](const char *name, const QByteArray &line, const QString &folder, const QString &refusal) {
            QTest::newRow(name) << (root + line) << folder << refusal;
        };
        const QString share = QStringLiteral("/mnt/share");
        const QString board = QStringLiteral("/mnt/share/team");
        row("local disk", QByteArray(), board, QString());
        row("cifs", mountLine(share, QStringLiteral("cifs"), QStringLiteral("rw"), QStringLiteral("rw,cache=strict")),
            board, QString());
        row("cifs nobrl",
            mountLine(share, QStringLiteral("cifs"), QStringLiteral("rw"), QStringLiteral("rw,nobrl,cache=strict")),
            board, QStringLiteral("nobrl"));
        row("smb3 nobrl", mountLine(share, QStringLiteral("smb3"), QStringLiteral("rw"), QStringLiteral("nobrl")),
            board, QStringLiteral("nobrl"));
        row("nfs", mountLine(share, QStringLiteral("nfs4"), QStringLiteral("rw"), QStringLiteral("rw,local_lock=none")),
            board, QString());
        row("nfs nolock", mountLine(share, QStringLiteral("nfs"), QStringLiteral("rw"), QStringLiteral("rw,nolock")),
            board, QStringLiteral("nolock"));
        row("nfs local_lock=posix",
            mountLine(share, QStringLiteral("nfs4"), QStringLiteral("rw"), QStringLiteral("local_lock=posix")), board,
            QStringLiteral("local_lock=posix"));
        row("nfs local_lock=all",
            mountLine(share, QStringLiteral("nfs"), QStringLiteral("rw"), QStringLiteral("local_lock=all")), board,
            QStringLiteral("local_lock=all"));
        row("rclone", mountLine(share, QStringLiteral("fuse.rclone"), QStringLiteral("rw"), QStringLiteral("rw")),
            board, QStringLiteral("rclone"));
        row("sshfs", mountLine(share, QStringLiteral("fuse.sshfs"), QStringLiteral("rw"), QStringLiteral("rw")), board,
            QStringLiteral("sshfs"));
        row("gvfs",
            mountLine(QStringLiteral("/run/user/1000/gvfs"), QStringLiteral("fuse.gvfsd-fuse"), QStringLiteral("rw"),
                      QStringLiteral("rw")),
            QStringLiteral("/run/user/1000/gvfs/smb-share:server=s,share=x"), QStringLiteral("gvfs"));
        row("a sibling's name is not a prefix",
            mountLine(QStringLiteral("/mnt/sha"), QStringLiteral("cifs"), QStringLiteral("rw"),
                      QStringLiteral("nobrl")),
            board, QString());
        row("a local mount inside the share",
            mountLine(share, QStringLiteral("cifs"), QStringLiteral("rw"), QStringLiteral("nobrl"))
                    + mountLine(board, QStringLiteral("ext4"), QStringLiteral("rw"), QStringLiteral("rw")),
            board, QString());
        row("a share mounted over a local one",
            mountLine(share, QStringLiteral("ext4"), QStringLiteral("rw"), QStringLiteral("rw"))
                    + mountLine(share, QStringLiteral("cifs"), QStringLiteral("rw"), QStringLiteral("nobrl")),
            board, QStringLiteral("nobrl"));
        row("an escaped space",
            mountLine(QStringLiteral("/mnt/team\\040share"), QStringLiteral("cifs"), QStringLiteral("rw"),
                      QStringLiteral("nobrl")),
            QStringLiteral("/mnt/team share/boards"), QStringLiteral("nobrl"));
        row("no separator", QByteArray("36 25 0:32 / /mnt/share rw master:1 cifs //s/x nobrl\n"), board, QString());
    }

    void shouldReadMountRules()
    {
        QFETCH(QByteArray, mountinfo);
        QFETCH(QString, folder);
        QFETCH(QString, refusal);
        const QString reason = LockProbe::mountRefusal(mountinfo, folder);
        if (refusal.isEmpty())
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        else
            QVERIFY2(reason.contains(refusal), qPrintable(reason));
    }

    void shouldSurviveFuzzedMountinfo()
    {
        // Seeded: 100,000 random and mutated mountinfo texts; no crash, no hang, an answer each time.
        QRandomGenerator random(14);
        const QByteArray valid =
                mountLine(QStringLiteral("/"), QStringLiteral("ext4"), QStringLiteral("rw"), QStringLiteral("rw"))
                + mountLine(QStringLiteral("/mnt/share"), QStringLiteral("cifs"), QStringLiteral("rw"),
                            QStringLiteral("rw,nobrl"))
                + mountLine(QStringLiteral("/mnt/nfs"), QStringLiteral("nfs"), QStringLiteral("rw"),
                            QStringLiteral("local_lock=all"));
        const QByteArray alphabet(" \\-/,=\n0123456789abcdefnobrl\t\x80\xff", 37);
        int refused = 0;
        constexpr int s_inputs = 100'000;
        for (int i = 0; i < s_inputs; ++i) {
            QByteArray input;
            if (i % 2 == 0) {
                input = valid;
                const int edits = 1 + int(random.bounded(8));
                for (int e = 0; e < edits && !input.isEmpty(); ++e) {
                    const qsizetype at = random.bounded(int(input.size()));
                    switch (random.bounded(3)) {
                    case 0:
                        input[at] = alphabet.at(random.bounded(int(alphabet.size())));
                        break;
                    case 1:
                        input.remove(at, 1 + random.bounded(6));
                        break;
                    default:
                        input.insert(at, alphabet.at(random.bounded(int(alphabet.size()))));
                    }
                }
            } else {
                input.resize(random.bounded(300));
                for (char &c : input)
                    c = alphabet.at(random.bounded(int(alphabet.size())));
            }
            const QString folder = i % 3 == 0 ? QStringLiteral("/mnt/share/x") : QStringLiteral("/mnt/nfs");
            refused += LockProbe::mountRefusal(input, folder).isEmpty() ? 0 : 1;
        }
        qInfo("mountinfo fuzz: %d inputs, %d refused", s_inputs, refused);
        QVERIFY(refused > 0);
    }

    void shouldSurviveFuzzedRecords()
    {
        // Seeded: 100,000 random and mutated heartbeat records; no crash, and whatever parses encodes back the same.
        QRandomGenerator random(1414);
        LockRecord valid;
        valid.slot = 7;
        valid.pid = 4242;
        valid.counter = 99;
        valid.time = 1'700'000'000'000;
        valid.fileCounter = 31;
        valid.beats = true;
        valid.host = QStringLiteral("desk-ü");
        valid.login = QStringLiteral("ann");
        const QByteArray encoded = valid.encode();
        const auto parsed = LockRecord::parse(encoded);
        QVERIFY(parsed);
        QCOMPARE(parsed->host, valid.host);
        QCOMPARE(parsed->counter, valid.counter);
        QCOMPARE(parsed->beats, true);
        QVERIFY(!LockRecord::parse(QByteArray(LockRecord::s_size, '\0')));
        int accepted = 0;
        constexpr int s_inputs = 100'000;
        for (int i = 0; i < s_inputs; ++i) {
            QByteArray input;
            if (i % 2 == 0) {
                input = encoded;
                const int edits = 1 + int(random.bounded(4));
                for (int e = 0; e < edits; ++e)
                    input[random.bounded(int(input.size()))] = char(random.bounded(256));
                if (random.bounded(10) == 0)
                    input.resize(random.bounded(LockRecord::s_size + 20));
            } else {
                input.resize(random.bounded(LockRecord::s_size + 20));
                for (char &c : input)
                    c = char(random.bounded(256));
            }
            if (const auto record = LockRecord::parse(input)) {
                ++accepted;
                QCOMPARE(record->encode(), input);
            }
        }
        qInfo("record fuzz: %d inputs, %d accepted", s_inputs, accepted);
    }

    // Last: it ends this process's watches for good, as the program's exit does.
    void shouldFreeEverySlotAtExitEvenOfAWatchEndedWithoutWaiting()
    {
        // GIVEN this process proven on two boards, one of whose watches was ended without waiting (its window
        // opened another board)
        const QString other = m_dir.filePath(QStringLiteral("other%1.helpboard").arg(m_boards));
        QVERIFY(storage::BoardStore::create(other, QStringLiteral("Other")));
        QVERIFY(LockProbe::proveAndWatch(m_board, QStringLiteral("ben")));
        QVERIFY(LockProbe::proveAndWatch(other, QStringLiteral("ben")));
        const auto ownRecords = [](const QString &board) {
            QFile side(LockProbe::sidePath(board));
            if (!side.open(QIODevice::ReadOnly))
                return -1;
            const QByteArray all = side.readAll();
            int own = 0;
            for (qsizetype at = 512; at + LockRecord::s_size <= all.size(); at += LockRecord::s_size) {
                const auto record = LockRecord::parse(QByteArrayView(all).sliced(at, LockRecord::s_size));
                own += record && record->pid == quint32(::getpid()) ? 1 : 0;
            }
            return own;
        };
        QCOMPARE(ownRecords(m_board), 1);
        QCOMPARE(ownRecords(other), 1);
        LockProbe::stopWatching(m_board, false);
        // WHEN the process ends its watches, as at exit
        LockProbe::stopWatching({}, true);
        // THEN no record of it is left next to either board: colleagues never wait for one that stopped moving
        QCOMPARE(ownRecords(m_board), 0);
        QCOMPARE(ownRecords(other), 0);
    }
};

QTEST_GUILESS_MAIN(tst_LockProbe)
#include "tst_lockprobe.moc"
