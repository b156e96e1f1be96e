// SPDX-License-Identifier: GPL-3.0-or-later
// The board window proves, as it polls, that the share passes locks between it and the colleagues who have the board
// open: a real second process (helpboard-cli hold-open) whose locks reach no one (an LD_PRELOAD shim, as on a cifs
// nobrl mount) turns the window read-only within seconds, naming the colleague's desktop; a colleague whose locks
// are seen does not.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/sync/boardpoller.h>
#include <board/widgets/board/boardview.h>
#include <storage/boardstore.h>
#include <storage/lockprobe.h>

#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>

using namespace hb;

class tst_LockWatch : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    /// A colleague with the board open, as ben (tests::holdBoardOpen).
    std::unique_ptr<QProcess> holdOpen(bool dropLocks, int seconds)
    {
        return tests::holdBoardOpen(m_board, QStringLiteral("ben"), dropLocks, seconds);
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
        // WHEN both have looked several times since the colleague came (each sees the other's lock held)
        QTRY_VERIFY_WITH_TIMEOUT(storage::LockProbe::looksAt(m_board) > 0, 8000); // the window's proof is kept
        const quint64 windowLooks = storage::LockProbe::looksAt(m_board);
        QVERIFY(tests::waitForLooks(*colleague, 6));
        QTRY_VERIFY(storage::LockProbe::looksAt(m_board) >= windowLooks + 6);
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

    void shouldNotSaveBeforeItProvedTheLocks()
    {
        // GIVEN a board of its own (the one above is refused for good), made by other processes (this one has not
        // proven anything about it), held open by a colleague on a desktop whose locks do not reach this one
        m_board = m_dir.filePath(QStringLiteral("early.helpboard"));
        for (const QStringList &command :
             {QStringList{QStringLiteral("init")},
              QStringList{QStringLiteral("members"), QStringLiteral("--add"), QStringLiteral("ben"),
                          QStringLiteral("--role"), QStringLiteral("editor")}}) {
            QProcess cli;
            cli.start(qEnvironmentVariable("HELPBOARD_CLI"),
                      QStringList{QStringLiteral("--board"), m_board, QStringLiteral("--as"), QStringLiteral("alice")}
                              + command);
            QVERIFY(cli.waitForFinished(30000));
            QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        }
        auto colleague = holdOpen(true, 20);
        QVERIFY(colleague);
        QCOMPARE(colleague->state(), QProcess::Running);
        // WHEN a window opens it and a card is added from the keyboard at once, before the window's first look
        auto window = openDemo(QSize(1000, 700));
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        todo->setFocus();
        QTest::keyClick(todo, Qt::Key_N);
        QLineEdit *quickAdd = board->quickAdd(0);
        QVERIFY(quickAdd->hasFocus());
        QTest::keyClicks(quickAdd, QStringLiteral("Written too early"));
        QTest::keyClick(quickAdd, Qt::Key_Return);
        // THEN the save waits for the proof and is refused: the window says why, and nothing reached the file
        auto *banner = window->findChild<QLabel *>(QStringLiteral("boardBanner"));
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 8000);
        QVERIFY2(banner->text().contains(u"file locks do not reach"), qPrintable(banner->text()));
        QVERIFY(tests::waitForSaves(*window->actions()));
        const auto cards = tests::rawSql(m_board, {QStringLiteral("SELECT count(*) FROM cards")});
        QVERIFY2(cards.error.isEmpty(), qPrintable(cards.error));
        QCOMPARE(cards.rows.value(0).value(0).toInt(), 0);
        QCOMPARE(tests::rawSql(m_board, {QStringLiteral("PRAGMA integrity_check")}).rows.value(0).value(0).toString(),
                 QStringLiteral("ok"));
        colleague->kill();
        colleague->waitForFinished(5000);
    }
};

QTEST_MAIN(tst_LockWatch)
#include "tst_lockwatch.moc"
