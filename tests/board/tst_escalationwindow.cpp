// SPDX-License-Identifier: GPL-3.0-or-later
// Escalation in the window, driven as people do: the card menu (and Ctrl+Z), the card editor's fields by keys and
// clicks, the chip on the card, the Escalated filter, and Board > Escalation Targets.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/board/carddelegate.h>
#include <board/widgets/board/filterbar.h>
#include <board/widgets/dialogs/escalationtargetsdialog.h>
#include <storage/boardstore.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace hb;

class tst_EscalationWindow : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    /// The id of the demo's target called @p name.
    qint64 targetNamed(const QString &name) const
    {
        for (const storage::EscalationTarget &target : storeAs()->escalationTargets().value()) {
            if (target.name == name)
                return target.id;
        }
        return 0;
    }

    /// Where card @p title is in the window: its view and index.
    static std::pair<QListView *, QModelIndex> find(app::MainWindow &window, const QString &title)
    {
        auto *board = window.findChild<board::BoardView *>(QStringLiteral("boardView"));
        for (int column = 0; column < 3; ++column) {
            QListView *view = board->columnView(column);
            for (int row = 0; row < view->model()->rowCount(view->rootIndex()); ++row) {
                const QModelIndex index = view->model()->index(row, 0, view->rootIndex());
                if (index.data().toString() == title)
                    return {view, index};
            }
        }
        return {nullptr, {}};
    }

    /// Right-clicks @p index in @p view (the window system's context menu event sent too) and returns the menu.
    static QMenu *cardMenu(app::MainWindow &window, QListView *view, const QModelIndex &index)
    {
        const QPoint at = view->visualRect(index).center();
        QTest::mouseClick(view->viewport(), Qt::RightButton, {}, at);
        QContextMenuEvent click(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &click);
        auto *menu = window.findChild<board::BoardView *>(QStringLiteral("boardView"))
                             ->findChild<QMenu *>(QStringLiteral("cardMenu"));
        return menu && QTest::qWaitFor([menu] { return menu->isVisible(); }) ? menu : nullptr;
    }

    static void closeMenus(app::MainWindow &window)
    {
        while (QWidget *popup = QApplication::activePopupWidget())
            popup->close();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void shouldEscalateFromTheCardMenuShowTheChipAndUndo_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<storage::StatusTag>("status"); // what escalating sets
        QTest::newRow("vendor") << u"Dell ProSupport"_qs << storage::StatusTag::WaitingVendor;
        QTest::newRow("second line") << u"Network team"_qs << storage::StatusTag::None;
    }

    void shouldEscalateFromTheCardMenuShowTheChipAndUndo()
    {
        QFETCH(QString, target);
        QFETCH(storage::StatusTag, status);
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        const QString title = u"Password reset - cannot log in after holiday"_qs;
        auto [view, index] = find(*window, title);
        QVERIFY(view);
        const qint64 id = index.data(board::BoardModel::IdRole).toLongLong();
        const storage::Card before = storedCard(id);
        QVERIFY(!before.escalation.isEscalated());
        const qint64 targetId = targetNamed(target);
        QVERIFY(targetId);

        // WHEN Escalate > To <target> is picked from the card's menu
        QMenu *menu = cardMenu(*window, view, index);
        QVERIFY(menu);
        QMenu *escalate = menu->findChild<QMenu *>(QStringLiteral("escalateMenu"));
        QVERIFY(escalate);
        QAction *to = escalate->findChild<QAction *>(QStringLiteral("escalateTo-%1").arg(targetId));
        QVERIFY(to && to->isEnabled() && !to->isChecked());
        QVERIFY(!escalate->findChild<QAction *>(QStringLiteral("takeBackEscalation"))->isEnabled());
        QSignalSpy changed(window->model(), &QAbstractItemModel::dataChanged);
        to->trigger();
        closeMenus(*window);
        QVERIFY(saved(*window));

        // THEN the file has it, by alice, with the status that goes with it
        storage::Card after = storedCard(id);
        QCOMPARE(after.escalation.targetName, target);
        QCOMPARE(after.escalation.by, u"alice"_qs);
        QCOMPARE(after.status, status);
        // AND the card says so at once: its row changed, and the delegate lays a chip out named for the target
        QVERIFY(!changed.isEmpty());
        index = find(*window, title).second;
        QCOMPARE(index.data(board::BoardModel::EscalationRole).toString(), target);
        auto *delegate = qobject_cast<board::CardDelegate *>(view->itemDelegate());
        QVERIFY(delegate);
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.rect = view->visualRect(index);
        const board::CardDelegate::Layout layout = delegate->layout(option, index);
        QVERIFY(layout.escalationChip);
        QVERIFY(std::any_of(layout.labels.cbegin(), layout.labels.cend(), [&](const board::CardDelegate::Chip &chip) {
            return chip.outlined && chip.text.endsWith(target);
        }));
        QVERIFY(index.data(Qt::ToolTipRole).toString().contains(u"Escalated to " + target));

        // WHEN Ctrl+Z
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        // THEN it is not escalated, its status is as it was, and the escalation is kept as ended
        after = storedCard(id);
        QVERIFY(!after.escalation.isEscalated());
        QCOMPARE(after.status, before.status);
        const QList<storage::Escalation> all = storeAs()->escalations(id).value();
        QVERIFY(!all.isEmpty());
        QVERIFY(all.constLast().endedAt != 0);
        QVERIFY(!find(*window, title).second.data(board::BoardModel::EscalationRole).toString().size());

        // WHEN Ctrl+Shift+Z, THEN the same escalation is open again, not another one
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(saved(*window));
        after = storedCard(id);
        QCOMPARE(after.escalation.id, all.constLast().id);
        QCOMPARE(after.escalation.at, all.constLast().at);
        QCOMPARE(after.status, status);
        QCOMPARE(storeAs()->escalations(id)->size(), all.size());
        // (the board as it was, for the tests after this one)
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QVERIFY(!storedCard(id).escalation.isEscalated());
    }

    void shouldFollowTheVendorFromTheCardEditor()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        const QString title = u"Wi-Fi dead spot in meeting room 2.14"_qs;
        auto [view, index] = find(*window, title);
        QVERIFY(view);
        const qint64 id = index.data(board::BoardModel::IdRole).toLongLong();
        view->setFocus();
        view->setCurrentIndex(index);
        QTest::keyClick(view, Qt::Key_Return);
        auto *button = window->findChild<QPushButton *>(QStringLiteral("escalationButton"));
        auto *reference = window->findChild<QLineEdit *>(QStringLiteral("escalationReference"));
        auto *acknowledged = window->findChild<QCheckBox *>(QStringLiteral("escalationAcknowledged"));
        QVERIFY(button && button->menu() && reference && acknowledged);
        QTRY_VERIFY(button->isVisible() && button->isEnabled());
        QCOMPARE(button->text(), u"Not escalated"_qs);
        // (nothing to set on a ticket not escalated)
        QVERIFY(!acknowledged->isEnabled());

        // WHEN the Escalated button's menu is opened with the keyboard and the vendor picked with arrows and Enter
        const qint64 vendor = targetNamed(u"Dell ProSupport"_qs);
        bool picked = false;
        QTimer::singleShot(0, this, [&] {
            QMenu *menu = button->menu();
            QTRY_VERIFY(menu->isVisible());
            QAction *to = menu->findChild<QAction *>(QStringLiteral("escalationTo-%1").arg(vendor));
            QVERIFY(to && menu->actions().contains(to));
            // (arrows move through the choices without making any)
            for (int step = 0; step < 10 && menu->activeAction() != to; ++step)
                QTest::keyClick(menu, Qt::Key_Down);
            QCOMPARE(menu->activeAction(), to);
            QCOMPARE(storedCard(id).escalation.isEscalated(), false);
            QTest::keyClick(menu, Qt::Key_Return);
            picked = true;
        });
        button->setFocus();
        QTest::keyClick(button, Qt::Key_Space);
        QTRY_VERIFY(picked);
        QVERIFY(saved(*window));
        QTRY_COMPARE(button->text(), u"Dell ProSupport (vendor)"_qs);
        QCOMPARE(storedCard(id).escalation.targetName, u"Dell ProSupport"_qs);
        QCOMPARE(storedCard(id).status, storage::StatusTag::WaitingVendor);
        // AND their case number is typed, and Enter pressed
        QTRY_VERIFY(acknowledged->isEnabled());
        reference->setFocus();
        QTest::keyClicks(reference, u"SR 5551"_qs);
        QTest::keyClick(reference, Qt::Key_Return);
        QVERIFY(saved(*window));
        QCOMPARE(storedCard(id).escalation.reference, u"SR 5551"_qs);
        // AND Acknowledged by them is clicked
        QTest::mouseClick(acknowledged, Qt::LeftButton, {}, QPoint(8, acknowledged->height() / 2));
        QVERIFY(saved(*window));
        QVERIFY(storedCard(id).escalation.acknowledgedAt != 0);
        QCOMPARE(storedCard(id).escalation.reference, u"SR 5551"_qs);

        // WHEN "Not escalated" is picked, THEN it is taken back, and the ticket is the team's again
        Q_EMIT button->menu()->aboutToShow();
        button->menu()->findChild<QAction *>(QStringLiteral("escalationNone"))->trigger();
        QVERIFY(saved(*window));
        QVERIFY(!storedCard(id).escalation.isEscalated());
        QCOMPARE(storedCard(id).status, storage::StatusTag::InProgress);
        QTRY_VERIFY(!acknowledged->isEnabled());
        // AND the escalation it had keeps the case number and the vendor's acknowledgement
        const storage::Escalation ended = storeAs()->escalations(id)->constLast();
        QCOMPARE(ended.reference, u"SR 5551"_qs);
        QVERIFY(ended.acknowledgedAt && ended.endedAt);
    }

    void shouldShowOnlyEscalatedTicketsWithTheFilter()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        auto *bar = window->findChild<board::FilterBar *>();
        QVERIFY(bar);
        auto *more = bar->findChild<QToolButton *>(QStringLiteral("moreFilters"));
        QVERIFY(more && more->menu());
        // WHEN More filters > Escalated > To Anyone is ticked
        Q_EMIT more->menu()->aboutToShow();
        QMenu *escalated = more->menu()->findChild<QMenu *>(QStringLiteral("escalatedFilterMenu"));
        QVERIFY(escalated);
        escalated->findChild<QAction *>(QStringLiteral("escalatedToAnyone"))->trigger();
        // THEN the board shows exactly the cards the file has escalated now
        QSet<qint64> expected;
        for (const storage::Card &card : storeAs()->cards().value()) {
            if (card.escalation.isEscalated())
                expected.insert(card.id);
        }
        QVERIFY(!expected.isEmpty());
        const auto shown = [&window] {
            QSet<qint64> ids;
            auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
            for (int column = 0; column < 3; ++column) {
                QListView *view = board->columnView(column);
                for (int row = 0; row < view->model()->rowCount(view->rootIndex()); ++row)
                    ids.insert(view->model()
                                       ->index(row, 0, view->rootIndex())
                                       .data(board::BoardModel::IdRole)
                                       .toLongLong());
            }
            return ids;
        };
        QTRY_COMPARE(shown(), expected);
        // WHEN instead only those escalated to the vendor
        escalated->findChild<QAction *>(QStringLiteral("escalatedToAnyone"))->trigger();
        Q_EMIT more->menu()->aboutToShow();
        escalated = more->menu()->findChild<QMenu *>(QStringLiteral("escalatedFilterMenu"));
        const qint64 vendor = targetNamed(u"Dell ProSupport"_qs);
        escalated->findChild<QAction *>(QStringLiteral("escalatedTo-%1").arg(vendor))->trigger();
        QSet<qint64> vendors;
        for (const storage::Card &card : storeAs()->cards().value()) {
            if (card.escalation.targetId == vendor)
                vendors.insert(card.id);
        }
        QVERIFY(!vendors.isEmpty() && vendors != expected);
        QTRY_COMPARE(shown(), vendors);
        QVERIFY(bar->describe().contains(u"Escalated to Dell ProSupport"));
    }

    void shouldKeepTheTargetsListInItsDialog()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        window->findChild<QAction *>(QStringLiteral("showEscalationTargets"))->trigger();
        auto *dialog = window->findChild<board::EscalationTargetsDialog *>(QStringLiteral("escalationTargetsDialog"));
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("escalationTargetsList"));
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("targetName"));
        auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("targetKind"));
        auto *contact = dialog->findChild<QLineEdit *>(QStringLiteral("targetContact"));
        auto *error = dialog->findChild<QLabel *>(QStringLiteral("escalationTargetsError"));
        const int before = list->count();
        QCOMPARE(before, int(storeAs()->escalationTargets()->size()));
        QSignalSpy finished(dialog, &board::EscalationTargetsDialog::saveFinished);

        // WHEN New, then an empty name and Return: THEN it is said, with the focus on the name, and nothing saved
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("newTarget")), Qt::LeftButton);
        QVERIFY(name->hasFocus());
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(u"1 to 100"));
        QCOMPARE(finished.count(), 0);

        // WHEN a vendor is typed and Return pressed
        QTest::keyClicks(name, u"Telecom Italia"_qs);
        kind->setFocus();
        QTest::keyClick(kind, Qt::Key_Down);
        QCOMPARE(kind->currentData().toInt(), int(storage::EscalationKind::Vendor));
        contact->setFocus();
        QTest::keyClicks(contact, u"+39 02 0000"_qs);
        QTest::keyClick(contact, Qt::Key_Return);
        QVERIFY(finished.wait(10'000));
        QVERIFY(finished.takeFirst().at(0).toBool());
        QVERIFY(!finished.wait(300)); // saved once
        // THEN the file has it, the list shows it, and the board's menus will offer it
        const qint64 id = targetNamed(u"Telecom Italia"_qs);
        QVERIFY(id);
        QCOMPARE(list->count(), before + 1);
        QTRY_VERIFY(std::any_of(window->model()->escalationTargets().cbegin(),
                                window->model()->escalationTargets().cend(),
                                [id](const storage::EscalationTarget &each) { return each.id == id; }));

        // WHEN the network team (cards are escalated to it) is removed, THEN it is refused and said why
        const auto network = list->findItems(u"Network team"_qs, Qt::MatchStartsWith);
        QCOMPARE(network.size(), 1);
        list->setCurrentItem(network.constFirst());
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("removeTarget")), Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        QVERIFY(!finished.takeFirst().at(0).toBool());
        QVERIFY2(error->text().contains(u"take them back"), qPrintable(error->text()));
        QVERIFY(targetNamed(u"Network team"_qs));

        // WHEN the new one is removed, THEN it is gone
        list->setCurrentItem(list->findItems(u"Telecom Italia"_qs, Qt::MatchStartsWith).constFirst());
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("removeTarget")), Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        QVERIFY2(finished.takeFirst().at(0).toBool(), qPrintable(error->text()));
        QVERIFY(!targetNamed(u"Telecom Italia"_qs));
        QCOMPARE(list->count(), before);
        dialog->close();
    }

    void shouldShowTheTargetsReadOnlyToAnEditor()
    {
        auto store = storage::BoardStore::open(m_board, tests::optionsFor(u"ben"_qs));
        QVERIFY(store);
        app::MainWindow window(std::move(store).value());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QAction *>(QStringLiteral("showEscalationTargets"))->trigger();
        auto *dialog = window.findChild<board::EscalationTargetsDialog *>(QStringLiteral("escalationTargetsDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("targetName"))->isReadOnly());
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("saveTarget"))->isEnabled());
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("removeTarget"))->isEnabled());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("escalationTargetsNote"))
                        ->text()
                        .contains(u"Only an admin"));
        dialog->close();
    }
};

QTEST_MAIN(tst_EscalationWindow)
#include "tst_escalationwindow.moc"
