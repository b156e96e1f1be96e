// SPDX-License-Identifier: GPL-3.0-or-later
// Other people's changes on an open board: a real helpboard-cli process writes to the file, and the window
// shows the new, changed, moved and archived cards within 1.5 s, without a reload.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/sla/levels.h>
#include <board/sync/boardpoller.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/board/carddelegate.h>
#include <board/widgets/board/cardslides.h>
#include <board/widgets/cardeditor/titleedit.h>
#include <storage/boardstore.h>

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QUndoStack>
#include <QFile>
#include <QProcess>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QTest>

using namespace hb;

class tst_LiveUpdates : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;

    /// helpboard-cli ARGS as ben, another desktop; its standard output, nothing when it failed.
    std::optional<QString> cli(const QStringList &arguments) const
    {
        const auto out = cliAs(QStringLiteral("ben"), arguments);
        return out ? std::optional(QString::fromUtf8(*out).trimmed()) : std::nullopt;
    }

    const storage::Card *shown(qint64 id) const { return m_window->model()->cardAt(m_window->model()->cardIndex(id)); }

    /// Waits up to 1.5 s, from now, for @p condition; says how long it took.
    template<typename Condition>
    bool within(Condition condition, const char *what)
    {
        QElapsedTimer clock;
        clock.start();
        while (!condition() && clock.elapsed() < 1500)
            QTest::qWait(10);
        const bool met = condition();
        qInfo("%s: %s after %lld ms", what, met ? "shown" : "NOT shown", qint64(clock.elapsed()));
        return met;
    }

private Q_SLOTS:
    void initTestCase()
    {
        setUpDemo();
        QVERIFY2(!qEnvironmentVariable("HELPBOARD_CLI").isEmpty(), "ctest sets HELPBOARD_CLI");
    }

    void init()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
        QVERIFY(m_window->poller());
    }

    void cleanup() { m_window.reset(); }

    void shouldShowCardsOthersAddChangeMoveAndArchive()
    {
        QSignalSpy changed(m_window->poller(), &board::BoardPoller::cardsChanged);
        // WHEN another desktop adds a card
        const qint64 id = cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Scanner offline"),
                               QStringLiteral("--column"), QStringLiteral("To-do")})
                                  .value_or(QString())
                                  .toLongLong();
        QVERIFY(id > 0);
        // THEN it is on the board within 1.5 s, in its column
        QVERIFY(within([&] { return shown(id) != nullptr; }, "a card added"));
        QCOMPARE(m_window->model()->cardIndex(id).parent().row(), 0);
        QVERIFY(!changed.isEmpty());
        QVERIFY(changed.constLast().constFirst().value<QList<qint64>>().contains(id));

        // WHEN it is renamed there, THEN the new title shows
        QVERIFY(cli({QStringLiteral("edit"), QString::number(id), QStringLiteral("--title"),
                     QStringLiteral("Scanner offline on 2nd floor")}));
        QVERIFY(within([&] { return shown(id) && shown(id)->title == u"Scanner offline on 2nd floor"; },
                       "a title changed"));

        // WHEN it is moved to Doing, THEN it moves
        QVERIFY(cli({QStringLiteral("move"), QString::number(id), QStringLiteral("--to"), QStringLiteral("Doing")}));
        QVERIFY(within([&] { return m_window->model()->cardIndex(id).parent().row() == 1; }, "a card moved"));

        // WHEN a comment is added, THEN its count shows
        QVERIFY(cli(
                {QStringLiteral("comment"), QString::number(id), QStringLiteral("--text"), QStringLiteral("On it")}));
        QVERIFY(within([&] { return shown(id) && shown(id)->commentCount == 1; }, "a comment added"));

        // WHEN it is archived, THEN it leaves the board
        QVERIFY(cli({QStringLiteral("archive"), QString::number(id)}));
        QVERIFY(within([&] { return shown(id) == nullptr; }, "a card archived"));
    }

    void shouldSlideACardSomeoneElseMovedNotOneIMove()
    {
        auto *board = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QVERIFY(board && board->slides());
        QSignalSpy slid(board->slides(), &board::CardSlides::slideStarted);
        QListView *todo = board->columnView(0);
        const qint64 id = todo->model()->index(0, 0, todo->rootIndex()).data(board::BoardModel::IdRole).toLongLong();
        // WHEN a colleague moves the first card of To-do to Doing
        QVERIFY(cli({QStringLiteral("move"), QString::number(id), QStringLiteral("--to"), QStringLiteral("Doing")}));
        // THEN it slides there, to the next column on the right, drawn only on its way until it lands
        QVERIFY(within([&] { return !slid.isEmpty(); }, "a slide"));
        QCOMPARE(slid.first().at(0).toLongLong(), id);
        const QRect from = slid.first().at(1).toRect();
        const QRect to = slid.first().at(2).toRect();
        QVERIFY2(to.left() >= from.right(), qPrintable(QStringLiteral("%1 -> %2").arg(from.left()).arg(to.left())));
        QVERIFY(board->slides()->isSliding(id));
        QVERIFY(board->slides()->isVisible());
        QVERIFY(board->delegate()->hiddenCards().contains(id));
        QTRY_VERIFY_WITH_TIMEOUT(!board->slides()->isSliding(id), 2 * board::CardSlides::s_durationMs + 500);
        QVERIFY(board->slides()->isHidden());
        QVERIFY(board->delegate()->hiddenCards().isEmpty());
        QCOMPARE(board->cardIndex(id).parent().row(), 1);
        // WHEN I move that card on myself (Ctrl+Right), while it still shows their mark, THEN it just goes there
        QVERIFY(!board->cardIndex(id).data(board::BoardModel::ChangedByRole).toString().isEmpty());
        slid.clear();
        QListView *doing = board->columnView(1);
        const QModelIndex moved = board->cardIndex(id);
        doing->scrollTo(moved);
        QTest::mouseClick(doing->viewport(), Qt::LeftButton, {}, doing->visualRect(moved).center());
        QCOMPARE(doing->currentIndex().data(board::BoardModel::IdRole).toLongLong(), id);
        QTest::keyClick(doing, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(saved(*m_window));
        QCOMPARE(board->cardIndex(id).parent().row(), 2);
        QVERIFY(looked(*m_window, 1)); // my move read back from the file, as theirs was
        QCOMPARE(slid.count(), 0);
        // (the board as it was, for the tests after this one)
        m_window->undoStack()->undo();
        QVERIFY(saved(*m_window));
        const qint64 first = todo->model()->index(0, 0, todo->rootIndex()).data(board::BoardModel::IdRole).toLongLong();
        QVERIFY(cli({QStringLiteral("move"), QString::number(id), QStringLiteral("--to"), QStringLiteral("To-do"),
                     QStringLiteral("--before"), QString::number(first)}));
    }

    void shouldShowEachCardsServiceLevelsAndFollowAChangeOfThem()
    {
        // GIVEN the board shown: the first card of Doing is critical (4 h to resolve, every hour counted) and was
        // created about 5 h ago, so its badge says how far over it is, in red
        auto *board = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        const QModelIndex card = board->columnView(1)->model()->index(0, 0, board->columnView(1)->rootIndex());
        const qint64 id = card.data(board::BoardModel::IdRole).toLongLong();
        const auto badge = [&] {
            return m_window->model()->cardIndex(id).data(board::BoardModel::SlaTextRole).toString();
        };
        QTRY_COMPARE(m_window->model()->cardIndex(id).data(board::BoardModel::SlaStateRole).toString(),
                     QStringLiteral("breached"));
        QVERIFY2(badge().endsWith(QStringLiteral(" over")), qPrintable(badge()));
        // WHEN an admin on another desktop (a process of its own) gives critical tickets 100 h to resolve
        auto admin = storeAs();
        QFile levels(m_dir.filePath(QStringLiteral("levels.json")));
        QVERIFY(levels.open(QIODevice::WriteOnly));
        levels.write(R"({"policy": {"targets": {"critical": {"resolution_min": 6000}}}})");
        levels.close();
        QProcess other;
        other.start(qEnvironmentVariable("HELPBOARD_CLI"),
                    {QStringLiteral("--board"), m_board, QStringLiteral("--as"), QStringLiteral("alice"),
                     QStringLiteral("levels"), QStringLiteral("--set"), levels.fileName()});
        QVERIFY(other.waitForFinished(30000));
        QVERIFY2(other.exitCode() == 0, other.readAllStandardError().constData());
        // THEN the badge follows at the next look: on track, with the time left
        QTRY_COMPARE(m_window->model()->cardIndex(id).data(board::BoardModel::SlaStateRole).toString(),
                     QStringLiteral("ok"));
        QVERIFY2(badge().endsWith(QStringLiteral(" left")), qPrintable(badge()));
        // AND the second card of Doing (critical too, answered), set waiting on a vendor here, says paused once its
        // save is read back
        const qint64 answered = m_window->model()
                                        ->index(1, 0, m_window->model()->index(1, 0))
                                        .data(board::BoardModel::IdRole)
                                        .toLongLong();
        storage::CardPatch waiting;
        waiting.status = storage::StatusTag::WaitingVendor;
        QVERIFY(m_window->actions()->editCard(answered, waiting, QStringLiteral("Wait")));
        QVERIFY(saved(*m_window));
        QTRY_COMPARE(m_window->model()->cardIndex(answered).data(board::BoardModel::SlaTextRole).toString(),
                     QStringLiteral("paused"));
        // (the board as it was, for the tests after this one)
        waiting.status = storage::StatusTag::InProgress;
        QVERIFY(admin->updateCard(answered, waiting));
        QVERIFY(admin->setServiceLevels("{}", admin->serviceLevels()->calendar));
    }

    void shouldShowEscalationsAndTargetsOthersMake()
    {
        // GIVEN the first card of To-do, not escalated
        const qint64 id = m_window->model()
                                  ->index(0, 0, m_window->model()->index(0, 0))
                                  .data(board::BoardModel::IdRole)
                                  .toLongLong();
        QVERIFY(!shown(id)->escalation.isEscalated());
        // WHEN an admin on another desktop adds a vendor, and ben there escalates the card to it (processes of their
        // own)
        QProcess admin;
        admin.start(qEnvironmentVariable("HELPBOARD_CLI"),
                    {QStringLiteral("--board"), m_board, QStringLiteral("--as"), QStringLiteral("alice"),
                     QStringLiteral("targets"), QStringLiteral("--add"), QStringLiteral("Canon Service"),
                     QStringLiteral("--kind"), QStringLiteral("vendor")});
        QVERIFY(admin.waitForFinished(30000));
        QVERIFY2(admin.exitCode() == 0, admin.readAllStandardError().constData());
        const qint64 target = admin.readAllStandardOutput().trimmed().toLongLong();
        QVERIFY(cli({QStringLiteral("escalate"), QString::number(id), QStringLiteral("--to"),
                     QStringLiteral("Canon Service")}));
        // THEN the window offers the new target and shows the card escalated to it, with its chip's name, waiting
        const auto offered = [&] {
            const auto &targets = m_window->model()->escalationTargets();
            return std::any_of(targets.cbegin(), targets.cend(),
                               [target](const storage::EscalationTarget &each) { return each.id == target; });
        };
        QVERIFY(within(offered, "a target added on another desktop"));
        QVERIFY(within(
                [&] {
                    return m_window->model()->cardIndex(id).data(board::BoardModel::EscalationRole).toString()
                           == QStringLiteral("Canon Service");
                },
                "an escalation made on another desktop"));
        QCOMPARE(shown(id)->status, storage::StatusTag::WaitingVendor);
        // (the board as it was, for the tests after this one)
        QVERIFY(cli({QStringLiteral("escalate"), QString::number(id), QStringLiteral("--take-back")}));
        storage::CardPatch none;
        none.status = storage::StatusTag::None;
        QVERIFY(storeAs()->updateCard(id, none));
        QVERIFY(storeAs()->deleteEscalationTarget(target));
    }

    void shouldShowAnOpenCardAsOthersChangeIt()
    {
        // GIVEN the first card of To-do open beside the board
        const qint64 id = openFirstCard(*m_window, 0);
        QVERIFY(id);
        auto *title = m_window->findChild<board::TitleEdit *>(QStringLiteral("titleEdit"));
        QVERIFY(title && title->isVisible());
        // WHEN a colleague renames it and raises its priority
        QVERIFY(cli({QStringLiteral("edit"), QString::number(id), QStringLiteral("--title"),
                     QStringLiteral("Renamed by Ben"), QStringLiteral("--priority"), QStringLiteral("critical")}));
        // THEN the open card shows both
        QVERIFY(within([&] { return title->text() == u"Renamed by Ben"; }, "an open card's title"));
        QCOMPARE(m_window->findChild<QComboBox *>(QStringLiteral("priorityBox"))->currentData().toInt(),
                 int(storage::Priority::Critical));
    }

    void shouldShowAnOpenCardsCommentsAndChecklistAsOthersChangeThem()
    {
        // GIVEN the first card of Doing open beside the board, with a checklist
        const qint64 id = openFirstCard(*m_window, 1);
        QVERIFY(id);
        auto *comments = m_window->findChild<QTextBrowser *>(QStringLiteral("commentsView"));
        auto *checklist = m_window->findChild<QListView *>(QStringLiteral("checklistView"));
        QVERIFY(comments && checklist && checklist->model()->rowCount() > 0);
        const int rows = checklist->model()->rowCount();
        // WHEN a colleague comments on it and adds a checklist item, on another desktop
        QVERIFY(cli({QStringLiteral("comment"), QString::number(id), QStringLiteral("--text"),
                     QStringLiteral("Called the vendor, ticket 4711")}));
        QVERIFY(cli({QStringLiteral("checklist"), QString::number(id), QStringLiteral("--add"),
                     QStringLiteral("Chase the vendor on Monday")}));
        // THEN the open card shows both within 1.5 s of the last
        QVERIFY(within([&] { return checklist->model()->rowCount() == rows + 1; }, "a checklist item added"));
        QVERIFY(comments->toPlainText().contains(QStringLiteral("Called the vendor, ticket 4711")));
        // AND a file they attach shows in its attachments
        auto *attachments = m_window->findChild<QListView *>(QStringLiteral("attachmentsView"));
        QVERIFY(attachments);
        const int files = attachments->model()->rowCount();
        const QString manual = m_dir.filePath(QStringLiteral("vendor-quote.txt"));
        QVERIFY(tests::writeFile(manual, QByteArrayLiteral("Quote 4711: two new fusers")));
        QVERIFY(cli({QStringLiteral("attach"), QString::number(id), manual}));
        QVERIFY(within([&] { return attachments->model()->rowCount() == files + 1; }, "a file attached"));
        // AND a comment I am editing is not swept away by their next change
        auto *edit = m_window->findChild<QPlainTextEdit *>(QStringLiteral("commentEdit"));
        QVERIFY(edit);
        QVERIFY(cli({QStringLiteral("comment"), QString::number(id), QStringLiteral("--text"), QStringLiteral("2nd")}));
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("Half a sentence"));
        QVERIFY(within([&] { return comments->toPlainText().contains(QStringLiteral("2nd")); }, "a second comment"));
        QCOMPARE(edit->toPlainText(), QStringLiteral("Half a sentence"));
    }

    void shouldFollowMyOwnRoleWhenAnAdminChangesIt()
    {
        // GIVEN Ben, an editor, has the board open
        app::MainWindow window(storage::BoardStore::open(m_board, tests::optionsFor(QStringLiteral("ben"))).value());
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.actions());
        auto *banner = window.findChild<QLabel *>(QStringLiteral("boardBanner"));
        // WHEN an admin makes him a viewer
        auto admin = storeAs();
        QVERIFY(admin->setMember(QStringLiteral("ben"), storage::Role::Viewer, QStringLiteral("Ben Okafor")));
        // THEN his window stops offering changes, and says why
        QVERIFY(within([&] { return window.actions() == nullptr; }, "a viewer now"));
        QVERIFY2(banner->isVisible() && banner->text().contains(QStringLiteral("viewer")), qPrintable(banner->text()));
        // WHEN he is made an editor again, THEN he can change the board again
        QVERIFY(admin->setMember(QStringLiteral("ben"), storage::Role::Editor, QStringLiteral("Ben Okafor")));
        QVERIFY(within([&] { return window.actions() != nullptr; }, "an editor again"));
        QVERIFY(banner->isHidden());
    }

    void shouldMarkWhatOthersChangedWithWhoChangedIt()
    {
        const QModelIndex first = m_window->model()->index(0, 0, m_window->model()->index(0, 0));
        const qint64 id = first.data(board::BoardModel::IdRole).toLongLong();
        // WHEN Ben raises a card's priority on another desktop
        QVERIFY(cli(
                {QStringLiteral("edit"), QString::number(id), QStringLiteral("--priority"), QStringLiteral("high")}));
        // THEN it is marked with his name within 1.5 s
        const auto changedBy = [&] {
            return m_window->model()->cardIndex(id).data(board::BoardModel::ChangedByRole).toString();
        };
        QVERIFY(within([&] { return changedBy() == u"Ben Okafor"; }, "a change marked"));
        QVERIFY(m_window->model()->cardIndex(id).data(Qt::ToolTipRole).toString().contains(u"Ben Okafor"));
        // AND a change made in this window is not marked as someone else's
        const qint64 other = m_window->model()
                                     ->index(1, 0, m_window->model()->index(0, 0))
                                     .data(board::BoardModel::IdRole)
                                     .toLongLong();
        storage::CardPatch mine;
        mine.priority = storage::Priority::Low;
        QVERIFY(m_window->actions()->editCard(other, mine, QStringLiteral("Change Priority")));
        QVERIFY(saved(*m_window));
        QSignalSpy looked(m_window->poller(), &board::BoardPoller::cardsChanged);
        QVERIFY(cli(
                {QStringLiteral("comment"), QString::number(id), QStringLiteral("--text"), QStringLiteral("Seen")}));
        QVERIFY(looked.wait(3000)); // the poller has looked since my save
        QVERIFY(m_window->model()->cardIndex(other).data(board::BoardModel::ChangedByRole).toString().isEmpty());
    }

    void shouldShowWhoElseHasTheBoardAndACardOpen()
    {
        auto *here = m_window->findChild<QLabel *>(QStringLiteral("presenceStatus"));
        QVERIFY(here);
        QVERIFY(here->text().isEmpty());
        // GIVEN the first card of To-do open here
        const qint64 id = openFirstCard(*m_window, 0);
        QVERIFY(id);
        auto *alsoHere = m_window->findChild<QLabel *>(QStringLiteral("alsoHere"));
        QVERIFY(alsoHere && alsoHere->isHidden());
        // GIVEN Dev's window crashed half an hour ago and left its heartbeat behind
        auto dev = storeAs(QStringLiteral("dev"));
        dev->setClock([] { return QDateTime::currentMSecsSinceEpoch() - 30 * 60'000; });
        QVERIFY(dev->beatPresence(QStringLiteral("dev-desktop"), id));
        // WHEN Ben opens the board, and Chloe opens the same card, on their desktops
        auto ben = storeAs(QStringLiteral("ben"));
        auto chloe = storeAs(QStringLiteral("chloe"));
        // (Chloe's desktop clock is ten minutes slow: her first heartbeat looks as old as a crashed window's)
        chloe->setClock([] { return QDateTime::currentMSecsSinceEpoch() - 10 * 60'000; });
        QVERIFY(ben->beatPresence(QStringLiteral("ben-desktop"), 0));
        QVERIFY(chloe->beatPresence(QStringLiteral("chloe-desktop"), id));
        QVERIFY2(within([&] { return here->text() == u"Also here: Ben Okafor"; }, "Ben"), qPrintable(here->text()));
        // THEN she is here from her next heartbeat on, and the crashed window never is
        QTest::qWait(20);
        QVERIFY(chloe->beatPresence(QStringLiteral("chloe-desktop"), id));
        // AND the status bar says they are here, and the card that Chloe has it open
        QVERIFY2(within([&] { return here->text() == u"Also here: Ben Okafor, Chloe Dubois"; }, "who is here"),
                 qPrintable(here->text()));
        QVERIFY(here->toolTip().contains(u"Chloe Dubois, on"));
        QVERIFY(alsoHere->isVisible());
        QCOMPARE(alsoHere->text(), QStringLiteral("Chloe Dubois has this card open too."));
        // AND the others see this window, with its card
        QVERIFY(QTest::qWaitFor([&] {
            for (const storage::Presence &present : ben->presence(45'000).value()) {
                if (present.login == u"alice" && present.cardId == id)
                    return true;
            }
            return false;
        }));
        // WHEN they close it, THEN they are gone
        QVERIFY(chloe->leavePresence(QStringLiteral("chloe-desktop")));
        QVERIFY(ben->leavePresence(QStringLiteral("ben-desktop")));
        QVERIFY(within([&] { return here->text().isEmpty(); }, "who left"));
        QVERIFY(alsoHere->isHidden());
        // AND closing this window takes it off the list
        m_window.reset();
        QVERIFY(ben->presence(45'000)->isEmpty());
    }

    void shouldReadTheBoardAgainOnceASaveCouldNot()
    {
        const QModelIndex first = m_window->model()->index(0, 0, m_window->model()->index(0, 0));
        const qint64 id = first.data(board::BoardModel::IdRole).toLongLong();
        // GIVEN the file holds what this window has not seen (written around HelpBoard: no entry in the feed)
        const QString title = QStringLiteral("Changed where the feed does not say");
        const tests::RawResult written = tests::rawSql(
                m_board, {QStringLiteral("UPDATE cards SET title = '%1' WHERE id = %2").arg(title).arg(id)});
        QVERIFY2(written.error.isEmpty(), qPrintable(written.error));
        QVERIFY(looked(*m_window, 2)); // looks at the file see nothing to show
        QVERIFY(m_window->model()->cardAt(m_window->model()->cardIndex(id))->title != title);
        // WHEN a save that needed the whole board read again could not read it (the share went with it)
        QSignalSpy reload(m_window->poller(), &board::BoardPoller::reloadNeeded);
        Q_EMIT m_window->actions()->boardUnread();
        // THEN the next look that reaches the file reads the board again
        QVERIFY(within([&] { return !reload.isEmpty(); }, "the board read again"));
        QTRY_COMPARE(m_window->model()->cardAt(m_window->model()->cardIndex(id))->title, title);
    }

    void shouldLoadTheBoardAgainWhenOthersChangeColumns()
    {
        QSignalSpy reload(m_window->poller(), &board::BoardPoller::reloadNeeded);
        const int columns = m_window->model()->rowCount();
        // WHEN an admin on another desktop adds a column
        QVERIFY(storeAs()->addColumn(QStringLiteral("Waiting on vendor"), storage::ColumnKind::Doing));
        // THEN the board shows it, loaded again
        QVERIFY(within([&] { return m_window->model()->rowCount() == columns + 1; }, "a column added"));
        QVERIFY(!reload.isEmpty());
    }

    void shouldLeaveTheBoardAloneWhenNothingChanged()
    {
        QSignalSpy changed(m_window->poller(), &board::BoardPoller::cardsChanged);
        QSignalSpy reload(m_window->poller(), &board::BoardPoller::reloadNeeded);
        // the first look reads what came since the board was loaded: nothing; nor do the next ones
        m_window->poller()->setInterval(100);
        QVERIFY(looked(*m_window, 3));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(reload.count(), 0);
    }
};

QTEST_MAIN(tst_LiveUpdates)
#include "tst_liveupdates.moc"
