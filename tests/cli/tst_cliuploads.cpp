// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli purge-uploads and verify's note: uploads whose process was killed part-way are found and removed,
// uploads still moving in another process are left alone. Every upload is a real helpboard-cli process.
#include "cli/clitestcase.h"

#include <QThread>

#include <signal.h>

namespace hb::tests::cli {

namespace {

// The test's "long time without progress" (HELPBOARD_ABANDONED_UPLOAD_AGE_MS) instead of an hour.
constexpr qint64 s_ageMs = 3000;
constexpr qint64 s_fileSize = 32 * 1024 * 1024; // 64 chunks: plenty of time to catch the upload part-way

QByteArray writeRandomFile(const QString &path, qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator random(seed);
    random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    if (!writeFile(path, bytes))
        return {};
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

} // namespace

class tst_CliUploads final : public CliTestCase
{
    Q_OBJECT

    /// Reads the board on a connection of the test's own, kept open so that polling is quick.
    qint64 scalar(const QString &sql) const
    {
        QSqlDatabase db = QSqlDatabase::database(u"reader"_s, false);
        if (!db.isOpen()) {
            db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reader"_s);
            db.setDatabaseName(m_board);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
            if (!db.open())
                return -1;
        }
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            return -1;
        const qint64 value = query.value(0).toLongLong();
        query.finish();
        return value;
    }

    qint64 chunksOf(const QByteArray &sha256) const
    {
        return scalar(u"SELECT count(*) FROM attachment_chunks WHERE sha256 = '%1'"_s.arg(QString::fromLatin1(sha256)));
    }

    qint64 uploadsOf(const QByteArray &sha256, const QString &state) const
    {
        return scalar(u"SELECT count(*) FROM attachments WHERE sha256 = '%1' AND state = '%2'"_s.arg(
                QString::fromLatin1(sha256), state));
    }

    /// True when no one holds any lock on the board (an exclusive lock tried without waiting).
    bool writeLockIsFree() const
    {
        const QString name = u"probe-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        bool free = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_board);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
            if (db.open()) {
                QSqlQuery query(db);
                free = query.exec(u"BEGIN EXCLUSIVE"_s);
                if (free)
                    query.exec(u"ROLLBACK"_s);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return free;
    }

    /// Starts `attach 1 FILE` as its own process.
    void startAttach(QProcess &process, const QString &file) const
    {
        process.setProgram(m_cli);
        process.setArguments({u"--board"_s, m_board, u"--as"_s, s_admin, u"attach"_s, u"1"_s, file});
        process.start();
        QVERIFY(process.waitForStarted(10'000));
    }

    /// Waits until the upload of @p sha256 has stored at least @p chunks chunks, then stops its process (SIGSTOP)
    /// while it is still part-way.
    bool pauseMidWay(QProcess &process, const QByteArray &sha256, int chunks) const
    {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 30'000 && process.state() == QProcess::Running) {
            if (chunksOf(sha256) >= chunks) {
                // Stopped between two transactions, never holding the file's lock (others could not write at all).
                for (int attempt = 0; attempt < 1000; ++attempt) {
                    ::kill(pid_t(process.processId()), SIGSTOP);
                    // Still "uploading": part-way (storing chunks, or checking them before it becomes ready).
                    if (writeLockIsFree())
                        return uploadsOf(sha256, u"uploading"_s) == 1;
                    ::kill(pid_t(process.processId()), SIGCONT);
                    QTest::qWait(1);
                }
                return false;
            }
            QThread::usleep(500);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init()
    {
        setUpTest();
        qputenv("HELPBOARD_ABANDONED_UPLOAD_AGE_MS", QByteArray::number(s_ageMs));
    }
    void cleanup()
    {
        if (QSqlDatabase::contains(u"reader"_s)) {
            QSqlDatabase::database(u"reader"_s, false).close();
            QSqlDatabase::removeDatabase(u"reader"_s);
        }
        qunsetenv("HELPBOARD_ABANDONED_UPLOAD_AGE_MS");
        tearDownTest();
    }

    void shouldPurgeAnUploadKilledMidWayButNotOneStillMoving()
    {
        // GIVEN an upload whose process was killed (SIGKILL) part-way, left alone for longer than the age limit
        QVERIFY(useDemoBoard());
        const QString deadFile = m_dir->filePath(u"dead.bin"_s);
        const QString liveFile = m_dir->filePath(u"live.bin"_s);
        const QByteArray deadHash = writeRandomFile(deadFile, s_fileSize, 1);
        const QByteArray liveHash = writeRandomFile(liveFile, s_fileSize, 2);
        QVERIFY(!deadHash.isEmpty() && !liveHash.isEmpty());
        QProcess dead;
        startAttach(dead, deadFile);
        QVERIFY2(pauseMidWay(dead, deadHash, 2), "the first upload was not caught part-way");
        dead.kill(); // SIGKILL
        QVERIFY(dead.waitForFinished(10'000));
        const qint64 deadChunks = chunksOf(deadHash);
        QVERIFY(deadChunks >= 2);
        QTest::qWait(int(s_ageMs) + 200);

        // AND an upload in another process that is part-way and moved a moment ago
        QProcess live;
        startAttach(live, liveFile);
        const auto resumeLive = qScopeGuard([&] { ::kill(pid_t(live.processId()), SIGCONT); });
        QVERIFY2(pauseMidWay(live, liveHash, 2), "the second upload was not caught part-way");
        // (begun longer ago than the age limit, but it stored a chunk since: slow, not dead)
        QTest::qWait(int(s_ageMs * 6 / 10));
        const qint64 chunksBefore = chunksOf(liveHash);
        if (chunksBefore >= s_fileSize / (512 * 1024))
            QSKIP("the machine is too busy: the second upload had stored every chunk before it was caught");
        ::kill(pid_t(live.processId()), SIGCONT);
        QVERIFY2(pauseMidWay(live, liveHash, int(chunksBefore) + 1), "the second upload did not move on");
        QTest::qWait(int(s_ageMs * 6 / 10));
        const qint64 liveChunks = chunksOf(liveHash);

        // WHEN verify looks at the board, THEN it says one upload was abandoned and how much it holds
        const CliRun verified = runAs(s_admin, {u"verify"_s});
        QVERIFY_SUCCEEDS(verified);
        QVERIFY2(verified.out.contains("note: 1 upload(s) abandoned part-way hold "), qPrintable(describe(verified)));
        const QByteArray mib =
                QLocale::c().formattedDataSize(deadChunks * 512 * 1024, 1, QLocale::DataSizeTraditionalFormat).toUtf8();
        QVERIFY2(verified.out.contains(mib), qPrintable(describe(verified)));

        // WHEN the abandoned uploads are purged while the live one is still part-way
        const CliRun purged = runAs(s_admin, {u"purge-uploads"_s});
        QVERIFY_SUCCEEDS(purged);
        QVERIFY2(purged.out.startsWith(QByteArray(QByteArray("removed 1 abandoned upload(s), freed ") + mib)),
                 qPrintable(describe(purged)));

        // THEN the dead upload's row and chunks are gone, and the live one's are all there
        QCOMPARE(uploadsOf(deadHash, u"uploading"_s), 0);
        QCOMPARE(chunksOf(deadHash), 0);
        QCOMPARE(uploadsOf(liveHash, u"uploading"_s), 1);
        QCOMPARE(chunksOf(liveHash), liveChunks);

        // AND the live upload, let go, finishes and reads back byte for byte
        ::kill(pid_t(live.processId()), SIGCONT);
        QVERIFY(live.waitForFinished(60'000));
        QVERIFY2(live.exitStatus() == QProcess::NormalExit && live.exitCode() == Ok,
                 live.readAllStandardError().constData());
        QCOMPARE(uploadsOf(liveHash, u"ready"_s), 1);
        const qint64 attachmentId =
                scalar(u"SELECT id FROM attachments WHERE sha256 = '%1'"_s.arg(QString::fromLatin1(liveHash)));
        QVERIFY_SUCCEEDS(runAs(s_admin, {u"save-attachment"_s, QString::number(attachmentId), u"%DIR%/back.bin"_s}));
        QCOMPARE(sha256Of(m_dir->filePath(u"back.bin"_s)), liveHash);

        // AND verify has nothing more to say about uploads
        const CliRun after = runAs(s_admin, {u"verify"_s});
        QVERIFY_SUCCEEDS(after);
        QVERIFY2(!after.out.contains("abandoned"), qPrintable(describe(after)));
    }

    void shouldStopAnUploadThatWasPurgedWhileItStood()
    {
        // GIVEN an upload whose process stood still part-way for longer than the age limit, then was purged
        QVERIFY(useDemoBoard());
        const QString file = m_dir->filePath(u"slow.bin"_s);
        const QByteArray hash = writeRandomFile(file, s_fileSize, 3);
        QProcess slow;
        startAttach(slow, file);
        const auto resume = qScopeGuard([&] { ::kill(pid_t(slow.processId()), SIGCONT); });
        QVERIFY2(pauseMidWay(slow, hash, 2), "the upload was not caught part-way");
        QTest::qWait(int(s_ageMs) + 200);
        const CliRun purged = runAs(s_admin, {u"purge-uploads"_s});
        QVERIFY_SUCCEEDS(purged);
        QVERIFY2(purged.out.startsWith("removed 1 abandoned upload(s)"), qPrintable(describe(purged)));

        // WHEN it moves again
        ::kill(pid_t(slow.processId()), SIGCONT);
        QVERIFY(slow.waitForFinished(60'000));

        // THEN it stops with a clear message and leaves nothing behind
        QCOMPARE(slow.exitCode(), int(Invalid));
        QVERIFY2(slow.readAllStandardError().contains("was removed as abandoned; attach the file again"),
                 "no clear message");
        QCOMPARE(scalar(u"SELECT count(*) FROM attachments WHERE sha256 = '%1'"_s.arg(QString::fromLatin1(hash))), 0);
        QCOMPARE(chunksOf(hash), 0);
    }

    void shouldRefusePurgingForViewersAndExtraArguments()
    {
        QVERIFY(useDemoBoard());
        QVERIFY_FAILS_WITH(runAs(s_viewer, {u"purge-uploads"_s}), Forbidden);
        QVERIFY_FAILS_WITH(runAs(s_admin, {u"purge-uploads"_s, u"extra"_s}), Usage);
        const CliRun nothing = runAs(s_editor, {u"purge-uploads"_s});
        QVERIFY_SUCCEEDS(nothing);
        QCOMPARE(nothing.outLine(), u"removed 0 abandoned upload(s), freed 0 bytes"_s);
    }
};

} // namespace hb::tests::cli

QTEST_GUILESS_MAIN(hb::tests::cli::tst_CliUploads)
#include "tst_cliuploads.moc"
