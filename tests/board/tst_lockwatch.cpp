// SPDX-License-Identifier: GPL-3.0-or-later
// The board window proves, as it polls, that the share passes locks between it and the colleagues who have the board
// open: a real second process (helpboard-cli hold-open) whose locks reach no one (an LD_PRELOAD shim, as on a cifs
// nobrl mount) turns the window read-only within seconds, naming the colleague's desktop; a colleague whose locks
// are seen does not.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/boardpoller.h>
#include <storage/boardstore.h>
#include <storage/lockprobe.h>

#include <QElapsedTimer>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>

using namespace hb;

class tst_LockWatch : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    /// A colleague with the board open (it looks every 300 ms, as a window does); null if it did not start.
    std::unique_ptr<QProcess> holdOpen(bool dropLocks, int seconds)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (dropLocks) {
            env.insert(QStringLiteral("LD_PRELOAD"), qEnvironmentVariable("HELPBOARD_DROPLOCKS_LIB"));
            env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("verify_asan_link_order=0"));
        }
        process->setProcessEnvironment(env);
        process->start(qEnvironmentVariable("HELPBOARD_CLI"),
                       {QStringLiteral("--board"), m_board, QStringLiteral("--as"), QStringLiteral("ben"),
                        QStringLiteral("hold-open"), QString::number(seconds)});
        QElapsedTimer clock;
        clock.start();
        while (!process->readAllStandardOutput().contains("holding") && clock.elapsed() < 10000) {
            if (process->state() == QProcess::NotRunning)
                return nullptr;
            process->waitForReadyRead(100);
        }
        return process;
    }

private Q_SLOTS:
    void initTestCase()
    {
        setUpDemo();
        QVERIFY2(!qEnvironmentVariable("HELPBOARD_CLI").isEmpty(), "ctest sets HELPBOARD_CLI");
        QVERIFY2(QFile::exists(qEnvironmentVariable("HELPBOARD_DROPLOCKS_LIB")), "ctest sets HELPBOARD_DROPLOCKS_LIB");
    }

    // First: a refusal lasts for the process and the file.
    void shouldStayWritableWhenTheColleaguesLockIsSeen()
    {
        // GIVEN a window, and a colleague with the board open whose lock reaches it
        auto window = openDemo(QSize(1000, 700));
        QVERIFY(window);
        QSignalSpy refused(window->poller(), &board::BoardPoller::lockRefused);
        auto colleague = holdOpen(false, 20);
        QVERIFY(colleague);
        // WHEN both look for a few seconds
        QTest::qWait(3500);
        // THEN neither stops writing
        QCOMPARE(refused.count(), 0);
        QVERIFY2(!storeAs()->isReadOnly(), qPrintable(storeAs()->readOnlyReason()));
        QCOMPARE(colleague->state(), QProcess::Running);
        colleague->kill();
        colleague->waitForFinished(5000);
    }

    void shouldTurnReadOnlyWhenAColleaguesLockDoesNotReach()
    {
        // GIVEN a window with the board open
        auto window = openDemo(QSize(1000, 700));
        QVERIFY(window);
        auto *banner = window->findChild<QLabel *>(QStringLiteral("boardBanner"));
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());
        QSignalSpy refused(window->poller(), &board::BoardPoller::lockRefused);
        // WHEN a colleague opens it on a desktop whose locks do not reach this one
        QElapsedTimer clock;
        clock.start();
        auto colleague = holdOpen(true, 20);
        QVERIFY(colleague);
        // THEN within seconds the window is read-only, says why and names the colleague's desktop
        QTRY_VERIFY_WITH_TIMEOUT(refused.count() == 1, 8000);
        qInfo("read-only %lld ms after the colleague started", qint64(clock.elapsed()));
        const QString why = refused.first().first().toString();
        QVERIFY2(why.contains(u"file locks do not reach"), qPrintable(why));
        QVERIFY2(why.contains(u"ben's desktop " + QSysInfo::machineHostName()), qPrintable(why));
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(u"file locks do not reach"), qPrintable(banner->text()));
        // AND any store of this file in the process refuses to write
        auto other = storeAs();
        QVERIFY(other->isReadOnly());
        storage::NewCard card;
        card.columnId = other->columns()->first().id;
        card.title = QStringLiteral("Not written");
        QCOMPARE(other->createCard(card).error().kind, storage::ErrorKind::ReadOnly);
        // AND the colleague stops writing too
        QVERIFY(colleague->state() == QProcess::NotRunning
                || colleague->waitForFinished(5000)); // it may have gone first
        QCOMPARE(colleague->exitCode(), 5);
        QCOMPARE(tests::rawSql(m_board, {QStringLiteral("PRAGMA integrity_check")}).rows.value(0).value(0).toString(),
                 QStringLiteral("ok"));
    }
};

QTEST_MAIN(tst_LockWatch)
#include "tst_lockwatch.moc"
