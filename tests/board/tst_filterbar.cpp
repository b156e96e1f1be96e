// SPDX-License-Identifier: GPL-3.0-or-later
// The filter bar over the board: search as you type, toggles that combine, what shows when nothing matches, the
// last filter kept, and the same answers as `helpboard-cli list` with the same flags.
#include "demowindowtestcase.h"

#include <board/model/boardmodel.h>
#include <board/sla/levels.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/board/filterbar.h>
#include <storage/boardstore.h>

#include <QDir>
#include <QInputDialog>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QProcess>
#include <QScopeGuard>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace hb;

class tst_FilterBar : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;
    board::BoardView *m_view = nullptr;
    board::FilterBar *m_bar = nullptr;

    /// The cards the columns show, in board order.
    QList<qint64> shownIds() const
    {
        QList<qint64> ids;
        for (int column = 0; column < m_view->columnCount(); ++column) {
            QListView *view = m_view->columnView(column);
            for (int row = 0; row < view->model()->rowCount(view->rootIndex()); ++row)
                ids << view->model()->index(row, 0, view->rootIndex()).data(board::BoardModel::IdRole).toLongLong();
        }
        return ids;
    }

    /// What `helpboard-cli list --json` answers with @p flags, as alice, in its order (the board's).
    QList<qint64> listedIds(const QStringList &flags) const
    {
        QProcess cli;
        cli.start(qEnvironmentVariable("HELPBOARD_CLI"),
                  QStringList{QStringLiteral("--board"), m_board, QStringLiteral("--as"), QStringLiteral("alice"),
                              QStringLiteral("list"), QStringLiteral("--json")}
                          + flags);
        if (!cli.waitForFinished(30000) || cli.exitCode() != 0) {
            qWarning() << "helpboard-cli list failed:" << cli.readAllStandardError();
            return {-1};
        }
        QList<qint64> ids;
        for (const QJsonValue &card : QJsonDocument::fromJson(cli.readAllStandardOutput()).array())
            ids << card.toObject().value(QStringLiteral("id")).toInteger();
        return ids;
    }

    QToolButton *toggle(const QString &name) const { return m_bar->findChild<QToolButton *>(name); }

private Q_SLOTS:
    void initTestCase()
    {
        setUpDemo();
        QVERIFY2(!qEnvironmentVariable("HELPBOARD_CLI").isEmpty(), "ctest sets HELPBOARD_CLI");
    }

    void init()
    {
        m_window = openDemo(QSize(1400, 900));
        QVERIFY(m_window);
        m_view = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        m_bar = m_window->findChild<board::FilterBar *>(QStringLiteral("filterBar"));
        QVERIFY(m_view && m_bar);
        QVERIFY(m_bar->isVisible());
        QVERIFY(m_bar->filter().isEmpty());
    }

    void cleanup()
    {
        if (m_bar)
            m_bar->clear(); // the next window starts unfiltered
        m_window.reset();
    }

    void shouldShowOnlyWhatTheSearchFindsAsYouType()
    {
        const int all = int(shownIds().size());
        QCOMPARE(all, m_window->model()->cardCount());
        // WHEN a word is typed, key by key, into the search field (Ctrl+F takes the focus there)
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QLineEdit *search = m_bar->searchField();
        QVERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("print"));
        // THEN the board shows what a prefix search over titles, descriptions, comments and checklists finds,
        // the same as `helpboard-cli list --search`
        const QList<qint64> expected = listedIds({QStringLiteral("--search"), QStringLiteral("print")});
        QVERIFY(!expected.isEmpty() && expected.size() < all);
        QTRY_COMPARE(shownIds(), expected);
        // AND each column's header says how many of its cards match, and the status bar how many in all
        int columnsWithMatches = 0;
        for (int column = 0; column < m_view->columnCount(); ++column) {
            const QString count = m_view->columnCount(column)->text();
            QVERIFY2(count.contains(u" of "), qPrintable(count));
            columnsWithMatches += count.startsWith(u'0') ? 0 : 1;
        }
        QVERIFY(columnsWithMatches >= 1);
        auto *status = m_window->findChild<QLabel *>(QStringLiteral("boardStatus"));
        QVERIFY2(status->text().contains(QStringLiteral("  ·  %1 of %2 cards shown").arg(expected.size()).arg(all)),
                 qPrintable(status->text()));
        QTest::mouseClick(toggle(QStringLiteral("overdueFilter")), Qt::LeftButton);
        // (a screenshot for people to look at, kept as a test artifact)
        QVERIFY(m_window->grab().save(QDir::current().filePath(QStringLiteral("filterbar-search.png"))));
        QTest::mouseClick(toggle(QStringLiteral("overdueFilter")), Qt::LeftButton);
        // WHEN Esc is pressed in the field, THEN every card is back
        QTest::keyClick(search, Qt::Key_Escape);
        QVERIFY(search->text().isEmpty());
        QCOMPARE(int(shownIds().size()), all);
        QVERIFY(!m_view->columnCount(0)->text().contains(u" of "));
    }

    void shouldCombineTogglesAsTheCliListDoes_data()
    {
        QTest::addColumn<QStringList>("toggles");
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("overdue") << QStringList{QStringLiteral("overdueFilter")}
                                 << QStringList{QStringLiteral("--overdue")};
        QTest::newRow("due in 24 h") << QStringList{QStringLiteral("dueSoonFilter")}
                                     << QStringList{QStringLiteral("--due-soon")};
        QTest::newRow("unassigned") << QStringList{QStringLiteral("unassignedFilter")}
                                    << QStringList{QStringLiteral("--unassigned")};
        QTest::newRow("mine") << QStringList{QStringLiteral("mineFilter")} << QStringList{QStringLiteral("--mine")};
        QTest::newRow("needs review") << QStringList{QStringLiteral("needsReviewFilter")}
                                      << QStringList{QStringLiteral("--status"), QStringLiteral("needs-review")};
        QTest::newRow("blocked") << QStringList{QStringLiteral("blockedFilter")}
                                 << QStringList{QStringLiteral("--status"), QStringLiteral("blocked")};
        QTest::newRow("needs review or blocked")
                << QStringList{QStringLiteral("needsReviewFilter"), QStringLiteral("blockedFilter")}
                << QStringList{QStringLiteral("--status"), QStringLiteral("needs-review"), QStringLiteral("--status"),
                               QStringLiteral("blocked")};
        QTest::newRow("overdue and unassigned")
                << QStringList{QStringLiteral("overdueFilter"), QStringLiteral("unassignedFilter")}
                << QStringList{QStringLiteral("--overdue"), QStringLiteral("--unassigned")};
    }

    void shouldCombineTogglesAsTheCliListDoes()
    {
        QFETCH(QStringList, toggles);
        QFETCH(QStringList, flags);
        // WHEN the toggles are clicked with the mouse
        for (const QString &name : toggles) {
            QToolButton *button = toggle(name);
            QVERIFY2(button, qPrintable(name));
            QTest::mouseClick(button, Qt::LeftButton);
            QVERIFY(button->isChecked());
        }
        // THEN the board shows exactly what `helpboard-cli list` shows with the same flags
        const QList<qint64> expected = listedIds(flags);
        QVERIFY(!expected.contains(-1));
        QCOMPARE(shownIds(), expected);
        QVERIFY(int(expected.size()) < m_window->model()->cardCount());
        // AND one more click on each takes them off again
        for (const QString &name : toggles)
            QTest::mouseClick(toggle(name), Qt::LeftButton);
        QCOMPARE(int(shownIds().size()), m_window->model()->cardCount());
    }

    void shouldFilterByServiceLevelsAsTheCliListDoes_data()
    {
        QTest::addColumn<QStringList>("toggles");
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("at risk") << QStringList{QStringLiteral("slaAtRiskFilter")}
                                 << QStringList{QStringLiteral("--sla"), QStringLiteral("at-risk")};
        QTest::newRow("breached") << QStringList{QStringLiteral("slaBreachedFilter")}
                                  << QStringList{QStringLiteral("--sla"), QStringLiteral("breached")};
        QTest::newRow("at risk or breached")
                << QStringList{QStringLiteral("slaAtRiskFilter"), QStringLiteral("slaBreachedFilter")}
                << QStringList{QStringLiteral("--sla"), QStringLiteral("at-risk"), QStringLiteral("--sla"),
                               QStringLiteral("breached")};
        QTest::newRow("at risk or breached, and unassigned")
                << QStringList{QStringLiteral("slaAtRiskFilter"), QStringLiteral("slaBreachedFilter"),
                               QStringLiteral("unassignedFilter")}
                << QStringList{QStringLiteral("--sla"), QStringLiteral("at-risk"), QStringLiteral("--sla"),
                               QStringLiteral("breached"), QStringLiteral("--unassigned")};
    }

    void shouldFilterByServiceLevelsAsTheCliListDoes()
    {
        QFETCH(QStringList, toggles);
        QFETCH(QStringList, flags);
        // GIVEN a critical ticket (4 h, every hour counting) created 3 h 20 min ago and answered: 40 min left, at
        // risk whatever the time of day; the demo board has breached ones
        auto store = storeAs();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        store->setClock([now] { return now - 200 * 60'000; });
        storage::NewCard fresh;
        fresh.columnId = store->columns()->constFirst().id;
        fresh.title = QStringLiteral("Badge readers offline at the main entrance");
        fresh.priority = storage::Priority::Critical;
        const qint64 atRisk = store->createCard(fresh).value();
        store->setClock([now] { return now - 190 * 60'000; });
        QVERIFY(store->moveCard(atRisk, store->columns()->at(1).id));
        store.reset();
        const storage::ServiceLevels levels = storeAs()->serviceLevels().value();
        // (the board as the other tests expect it, whatever happens here)
        const auto restore = qScopeGuard([this, atRisk, levels] {
            auto admin = storeAs();
            QVERIFY(admin->setServiceLevels(levels.policy, levels.calendar));
            QVERIFY(admin->deleteCard(atRisk));
        });
        QTRY_VERIFY(m_window->model()->cardIndex(atRisk).isValid());
        QTRY_COMPARE(m_window->model()->cardIndex(atRisk).data(board::BoardModel::SlaStateRole).toString(),
                     QStringLiteral("at-risk"));
        // WHEN the toggles are clicked with the mouse
        for (const QString &name : toggles) {
            QToolButton *button = toggle(name);
            QVERIFY2(button, qPrintable(name));
            QTest::mouseClick(button, Qt::LeftButton);
            QVERIFY(button->isChecked());
        }
        // THEN the board shows exactly what `helpboard-cli list --sla` shows, the cards whose badges say so
        const QList<qint64> expected = listedIds(flags);
        QVERIFY(!expected.isEmpty() && !expected.contains(-1));
        QCOMPARE(shownIds(), expected);
        QVERIFY(int(expected.size()) < m_window->model()->cardCount());
        QCOMPARE(expected.contains(atRisk), toggles.contains(QStringLiteral("slaAtRiskFilter")));
        QVERIFY(m_bar->describe().contains(QStringLiteral("SLA ")));
        // AND the cards follow their clocks, not only their fields: when an admin gives every ticket 10,000 h,
        // nothing on the cards changes, and no card is at risk or breached any more
        board::sla::Policy relaxed = board::sla::Policy::defaults();
        for (board::sla::Target &target : relaxed.targets)
            target = {10'000LL * 60 * 60'000, 10'000LL * 60 * 60'000, true};
        QVERIFY(storeAs()->setServiceLevels(board::sla::policyToJson(relaxed), levels.calendar));
        QTRY_COMPARE(shownIds(), QList<qint64>());
        QVERIFY(storeAs()->setServiceLevels(levels.policy, levels.calendar));
        QTRY_COMPARE(shownIds(), expected);
        for (const QString &name : toggles)
            QTest::mouseClick(toggle(name), Qt::LeftButton);
        QCOMPARE(int(shownIds().size()), m_window->model()->cardCount());
    }

    void shouldSayWhatIsOnWhenNothingMatchesAndClearIt()
    {
        auto *empty = m_bar->findChild<QWidget *>(QStringLiteral("noMatches"));
        QVERIFY(!empty->isVisible());
        QTest::mouseClick(toggle(QStringLiteral("blockedFilter")), Qt::LeftButton);
        QTest::keyClicks(m_bar->searchField(), QStringLiteral("zzqx"));
        QTRY_VERIFY(shownIds().isEmpty());
        QVERIFY(empty->isVisible());
        const QString said = m_bar->findChild<QLabel *>(QStringLiteral("noMatchesText"))->text();
        QVERIFY2(said.contains(u"Blocked") && said.contains(u"“zzqx”"), qPrintable(said));
        QVERIFY(m_window->grab().save(QDir::current().filePath(QStringLiteral("filterbar-nomatches.png"))));
        // WHEN Clear filters is clicked, THEN every card is back and the bar is as new
        QTest::mouseClick(m_bar->findChild<QPushButton *>(QStringLiteral("clearFiltersButton")), Qt::LeftButton);
        QCOMPARE(int(shownIds().size()), m_window->model()->cardCount());
        QVERIFY(!empty->isVisible());
        QVERIFY(!toggle(QStringLiteral("blockedFilter"))->isChecked());
        QVERIFY(m_bar->searchField()->text().isEmpty());
    }

    void shouldKeepTheLastFilterForTheNextTime()
    {
        QTest::mouseClick(toggle(QStringLiteral("overdueFilter")), Qt::LeftButton);
        QTest::keyClicks(m_bar->searchField(), QStringLiteral("vpn"));
        QTRY_COMPARE(m_bar->filter().search, QStringLiteral("vpn"));
        const QList<qint64> shown = shownIds();
        // WHEN the window is closed and the board opened again
        m_window.reset();
        m_window = openDemo(QSize(1400, 900));
        QVERIFY(m_window);
        m_view = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        m_bar = m_window->findChild<board::FilterBar *>(QStringLiteral("filterBar"));
        // THEN the same filter is on, and shows the same cards
        QVERIFY(toggle(QStringLiteral("overdueFilter"))->isChecked());
        QCOMPARE(m_bar->searchField()->text(), QStringLiteral("vpn"));
        QCOMPARE(shownIds(), shown);
    }

    void shouldWriteTheLastFilterOnceTheFiltersRest()
    {
        // GIVEN the settings as they are on disk
        QSettings().sync();
        const QString file = QSettings().fileName();
        auto onDisk = [&file] {
            QFile settings(file);
            return settings.open(QIODevice::ReadOnly) ? settings.readAll() : QByteArray();
        };
        const QByteArray before = onDisk();
        // WHEN toggles are clicked one after the other
        QTest::mouseClick(toggle(QStringLiteral("overdueFilter")), Qt::LeftButton);
        QTest::mouseClick(toggle(QStringLiteral("unassignedFilter")), Qt::LeftButton);
        QVERIFY(m_bar->filter().overdue && m_bar->filter().unassigned);
        // THEN the disk is not written at each click (each write costs the board a frame)
        QCOMPARE(onDisk(), before);
        // AND once they rest, the last filter is written, both toggles in it
        QTRY_VERIFY_WITH_TIMEOUT(onDisk() != before, 5000);
        QSettings settings(file, QSettings::IniFormat);
        bool found = false;
        for (const QString &key : settings.allKeys()) {
            if (!key.endsWith(QStringLiteral("/last")))
                continue;
            const board::CardFilter kept = board::CardFilter::fromMap(settings.value(key).toMap());
            found = found || (kept.overdue && kept.unassigned);
        }
        QVERIFY(found);
    }

    /// Where each control of the bar's row is, by name (the "no card matches" line below it comes and goes).
    QHash<QString, QRect> controlPlaces() const
    {
        QHash<QString, QRect> places;
        for (QWidget *control : m_bar->findChildren<QWidget *>()) {
            if (qobject_cast<QToolButton *>(control) || qobject_cast<QLineEdit *>(control))
                places.insert(control->objectName(), QRect(control->mapTo(m_bar, QPoint(0, 0)), control->size()));
        }
        return places;
    }

    void shouldPutTheButtonsBelowTheSearchOnANarrowWindow_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("oneLine");
        QTest::newRow("1400 px") << 1400 << true;
        QTest::newRow("1024 px") << 1024 << false;
        QTest::newRow("800 px") << 800 << false;
    }

    void shouldPutTheButtonsBelowTheSearchOnANarrowWindow()
    {
        QFETCH(int, width);
        QFETCH(bool, oneLine);
        // WHEN the window is made that wide, THEN it is (the bar does not hold it wider)
        m_window->resize(width, 700);
        QTRY_COMPARE(m_window->width(), width);
        auto *search = m_bar->findChild<QLineEdit *>(QStringLiteral("searchField"));
        auto *buttons = m_bar->findChild<QWidget *>(QStringLiteral("filterButtons"));
        QTRY_COMPARE(buttons->geometry().top() < search->geometry().bottom(), oneLine);
        // AND every button is whole inside the bar, and the search keeps a usable width
        for (QToolButton *button : buttons->findChildren<QToolButton *>()) {
            if (button->isHidden()) // (the dashboard's drill-down, while it is off)
                continue;
            const QRect inBar(button->mapTo(m_bar, QPoint(0, 0)), button->size());
            QVERIFY2(m_bar->rect().contains(inBar), qPrintable(button->objectName()));
            QVERIFY(button->width() >= button->minimumSizeHint().width());
        }
        QVERIFY(search->width() >= 180);
        // AND the board starts below the bar
        auto *board = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QVERIFY(board->mapTo(m_window.get(), QPoint(0, 0)).y()
                >= m_bar->mapTo(m_window.get(), QPoint(0, m_bar->height())).y());
    }

    void shouldKeepEveryControlInPlaceWhenFiltersTurnOn_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name :
             {"overdueFilter", "dueSoonFilter", "unassignedFilter", "mineFilter", "needsReviewFilter", "blockedFilter"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void shouldKeepEveryControlInPlaceWhenFiltersTurnOn()
    {
        QFETCH(QString, name);
        const QHash<QString, QRect> before = controlPlaces();
        QVERIFY(before.contains(name));
        QVERIFY(before.contains(QStringLiteral("clearFilters")));
        QVERIFY(before.value(QStringLiteral("clearFilters")).isValid());
        const QPoint spot = before.value(name).center();

        // WHEN the toggle is clicked, THEN it is on and nothing in the bar moved
        QTest::mouseClick(m_bar->childAt(spot), Qt::LeftButton, {}, m_bar->childAt(spot)->mapFrom(m_bar, spot));
        QVERIFY(toggle(name)->isChecked());
        QVERIFY(!m_bar->filter().isEmpty());
        QCOMPARE(controlPlaces(), before);

        // AND a second click at the same spot turns the same filter off again
        QCOMPARE(m_bar->childAt(spot), toggle(name));
        QTest::mouseClick(m_bar->childAt(spot), Qt::LeftButton, {}, m_bar->childAt(spot)->mapFrom(m_bar, spot));
        QVERIFY(!toggle(name)->isChecked());
        QVERIFY(m_bar->filter().isEmpty());
        QCOMPARE(controlPlaces(), before);

        // AND the More filters count and Clear move nothing either
        auto *more = m_bar->findChild<QToolButton *>(QStringLiteral("moreFilters"));
        QMenu *menu = more->menu();
        const QStringList choices{QStringLiteral("priority-high"), QStringLiteral("assignee-dev"),
                                  QStringLiteral("channel-phone")};
        for (const QString &choice : choices) {
            menu->popup(more->mapToGlobal(QPoint(0, more->height())));
            QAction *action = menu->findChild<QAction *>(choice);
            QVERIFY2(action, qPrintable(choice));
            action->trigger();
            menu->close();
            QCOMPARE(controlPlaces(), before);
        }
        QVERIFY2(more->text().contains(u'3'), qPrintable(more->text()));
        auto *clear = m_bar->findChild<QToolButton *>(QStringLiteral("clearFilters"));
        QVERIFY(clear->isVisible());
        QVERIFY(clear->isEnabled());
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(m_bar->filter().isEmpty());
        QVERIFY(!clear->isEnabled());
        QCOMPARE(controlPlaces(), before);
    }

    void shouldNarrowByTheMoreFiltersAsTheCliListDoes_data()
    {
        QTest::addColumn<QStringList>("choices"); ///< actions of the More filters menu, by name ("label:Hardware")
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("described"); ///< as "No card matches …" says it, named as the menus name it
        QTest::newRow("priority high or more urgent")
                << QStringList{QStringLiteral("priority-high"), QStringLiteral("priorityAtLeast")}
                << QStringList{QStringLiteral("--priority"), QStringLiteral("high"), QStringLiteral("--at-least")}
                << QStringLiteral("Priority: High or more urgent");
        QTest::newRow("priority exactly normal") << QStringList{QStringLiteral("priority-normal")}
                                                 << QStringList{QStringLiteral("--priority"), QStringLiteral("normal")}
                                                 << QStringLiteral("Priority: Normal");
        QTest::newRow("label Hardware") << QStringList{QStringLiteral("label:Hardware")}
                                        << QStringList{QStringLiteral("--label"), QStringLiteral("Hardware")}
                                        << QStringLiteral("Label: Hardware");
        QTest::newRow("label Hardware or Software")
                << QStringList{QStringLiteral("label:Hardware"), QStringLiteral("label:Software")}
                << QStringList{QStringLiteral("--label"), QStringLiteral("Hardware"), QStringLiteral("--label"),
                               QStringLiteral("Software")}
                << QStringLiteral("Label: Hardware or Software");
        QTest::newRow("labels Hardware and Software")
                << QStringList{QStringLiteral("label:Hardware"), QStringLiteral("label:Software"),
                               QStringLiteral("allLabels")}
                << QStringList{QStringLiteral("--label"), QStringLiteral("Hardware"), QStringLiteral("--label"),
                               QStringLiteral("Software"), QStringLiteral("--all-labels")}
                << QStringLiteral("Labels: Hardware and Software");
        QTest::newRow("assigned to dev") << QStringList{QStringLiteral("assignee-dev")}
                                         << QStringList{QStringLiteral("--assignee"), QStringLiteral("dev")}
                                         << QStringLiteral("Assigned to Dev Patel");
        QTest::newRow("channel phone") << QStringList{QStringLiteral("channel-phone")}
                                       << QStringList{QStringLiteral("--channel"), QStringLiteral("phone")}
                                       << QStringLiteral("Channel: Phone");
        QTest::newRow("waiting on a vendor")
                << QStringList{QStringLiteral("status-waiting-vendor")}
                << QStringList{QStringLiteral("--status"), QStringLiteral("waiting-vendor")}
                << QStringLiteral("Waiting on vendor");
        QTest::newRow("waiting on anyone")
                << QStringList{QStringLiteral("status-waiting-vendor"), QStringLiteral("status-waiting-requester")}
                << QStringList{QStringLiteral("--status"), QStringLiteral("waiting-vendor"), QStringLiteral("--status"),
                               QStringLiteral("waiting-requester")}
                << QStringLiteral("Waiting on requester, Waiting on vendor");
        QTest::newRow("requester") << QStringList{QStringLiteral("requester:finance")}
                                   << QStringList{QStringLiteral("--requester"), QStringLiteral("finance")}
                                   << QStringLiteral("Requester: “finance”");
        QTest::newRow("priority and a toggle")
                << QStringList{QStringLiteral("priority-critical"), QStringLiteral("toggle:overdueFilter")}
                << QStringList{QStringLiteral("--priority"), QStringLiteral("critical"), QStringLiteral("--overdue")}
                << QStringLiteral("Overdue, Priority: Critical");
    }

    void shouldNarrowByTheMoreFiltersAsTheCliListDoes()
    {
        QFETCH(QStringList, choices);
        QFETCH(QStringList, flags);
        QFETCH(QString, described);
        auto *more = m_bar->findChild<QToolButton *>(QStringLiteral("moreFilters"));
        QMenu *menu = more->menu();
        for (const QString &choice : choices) {
            if (choice.startsWith(u"toggle:")) {
                QTest::mouseClick(toggle(choice.mid(7)), Qt::LeftButton);
                continue;
            }
            // The menu is filled as it opens, with the board's labels and members as they are now.
            menu->popup(more->mapToGlobal(QPoint(0, more->height())));
            QString name = choice;
            if (choice.startsWith(u"label:")) {
                for (const storage::Label &label : storeAs()->labels().value()) {
                    if (label.name == choice.mid(6))
                        name = QStringLiteral("label-%1").arg(label.id);
                }
            }
            if (choice.startsWith(u"requester:")) {
                menu->findChild<QAction *>(QStringLiteral("requesterFilter"))->trigger();
                menu->close();
                auto *dialog = m_bar->findChild<QInputDialog *>(QStringLiteral("requesterFilterDialog"));
                QVERIFY(dialog);
                QTRY_VERIFY(dialog->isVisible());
                auto *line = dialog->findChild<QLineEdit *>();
                QTest::keyClicks(line, choice.mid(10));
                QTest::keyClick(line, Qt::Key_Return);
                continue;
            }
            QAction *action = menu->findChild<QAction *>(name);
            QVERIFY2(action, qPrintable(name));
            action->trigger();
            menu->close();
        }
        // THEN the board shows exactly what `helpboard-cli list` shows with the same flags, and the button counts
        const QList<qint64> expected = listedIds(flags);
        QVERIFY(!expected.contains(-1));
        QCOMPARE(shownIds(), expected);
        QVERIFY(!expected.isEmpty());
        QVERIFY(int(expected.size()) < m_window->model()->cardCount());
        QVERIFY2(more->text().contains(u'('), qPrintable(more->text()));
        QCOMPARE(m_bar->describe(), described);
    }

    void shouldSaveFiltersByNameAndKeepThem()
    {
        auto *saved = m_bar->findChild<QToolButton *>(QStringLiteral("savedFilters"));
        QMenu *menu = saved->menu();
        // GIVEN overdue and unassigned cards shown
        QTest::mouseClick(toggle(QStringLiteral("overdueFilter")), Qt::LeftButton);
        QTest::mouseClick(toggle(QStringLiteral("unassignedFilter")), Qt::LeftButton);
        const QList<qint64> shown = shownIds();
        // WHEN that is saved as "My overdue"
        menu->popup(saved->mapToGlobal(QPoint(0, saved->height())));
        QAction *save = menu->findChild<QAction *>(QStringLiteral("saveFilter"));
        QVERIFY(save && save->isEnabled());
        save->trigger();
        menu->close();
        auto *dialog = m_bar->findChild<QInputDialog *>(QStringLiteral("saveFilterDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *name = dialog->findChild<QLineEdit *>();
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("My overdue"));
        QTest::keyClick(name, Qt::Key_Return);
        QCOMPARE(m_bar->savedFilters(), QStringList{QStringLiteral("My overdue")});
        // AND the board is closed, opened again, cleared, and the saved filter picked from the menu
        m_bar->clear();
        m_window.reset();
        m_window = openDemo(QSize(1400, 900));
        m_view = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        m_bar = m_window->findChild<board::FilterBar *>(QStringLiteral("filterBar"));
        QCOMPARE(int(shownIds().size()), m_window->model()->cardCount());
        saved = m_bar->findChild<QToolButton *>(QStringLiteral("savedFilters"));
        saved->menu()->popup(saved->mapToGlobal(QPoint(0, saved->height())));
        QAction *use = saved->menu()->findChild<QAction *>(QStringLiteral("useSavedFilter"));
        QVERIFY(use);
        QCOMPARE(use->text(), QStringLiteral("My overdue"));
        use->trigger();
        saved->menu()->close();
        // THEN the same cards show, the toggles say so
        QCOMPARE(shownIds(), shown);
        QVERIFY(toggle(QStringLiteral("overdueFilter"))->isChecked());
        QVERIFY(toggle(QStringLiteral("unassignedFilter"))->isChecked());
        // AND it can be deleted
        m_bar->deleteSavedFilter(QStringLiteral("My overdue"));
        QVERIFY(m_bar->savedFilters().isEmpty());
    }

    void shouldKeepACardAddedUnderAFilterInViewUntilTheFilterChanges_data()
    {
        QTest::addColumn<bool>("newTicket"); ///< added with New Ticket (Ctrl+N) rather than typed into "+ Add card"
        QTest::newRow("quick add") << false;
        QTest::newRow("new ticket") << true;
    }

    void shouldKeepACardAddedUnderAFilterInViewUntilTheFilterChanges()
    {
        QFETCH(bool, newTicket);
        // GIVEN only overdue cards show
        QTest::mouseClick(toggle(QStringLiteral("overdueFilter")), Qt::LeftButton);
        const QList<qint64> overdue = shownIds();
        QVERIFY(!overdue.isEmpty());
        // WHEN a card is added to To-do, which the filter does not take (it has no due date)
        QSignalSpy inserted(m_window->model(), &QAbstractItemModel::rowsInserted);
        if (newTicket) {
            m_view->columnView(0)->setFocus();
            QVERIFY(m_view->newTicket());
        } else {
            QLineEdit *add = m_view->quickAdd(0);
            add->setFocus();
            QTest::keyClicks(add, QStringLiteral("Call back Dana about the scanner"));
            QTest::keyClick(add, Qt::Key_Return);
        }
        QVERIFY(inserted.wait(5000));
        QVERIFY(tests::DemoWindowTestCase::saved(*m_window));
        const QList<qint64> after = shownIds();
        QCOMPARE(after.size(), overdue.size() + 1);
        qint64 added = 0;
        for (qint64 id : after)
            added = overdue.contains(id) ? added : id;
        // THEN it still shows, marked as outside the filter, which its tooltip explains
        const QModelIndex shown = m_view->cardIndex(added);
        QTRY_VERIFY(shown.isValid());
        QVERIFY(shown.data(board::BoardModel::OutsideFilterRole).toBool());
        QVERIFY(shown.data(Qt::ToolTipRole).toString().contains(u"filter hides it"));
        QVERIFY(!m_view->cardIndex(overdue.first()).data(board::BoardModel::OutsideFilterRole).toBool());
        // WHEN the filter changes, THEN the filter alone decides again
        QTest::mouseClick(toggle(QStringLiteral("unassignedFilter")), Qt::LeftButton);
        QTest::mouseClick(toggle(QStringLiteral("unassignedFilter")), Qt::LeftButton);
        QCOMPARE(shownIds(), overdue);
        QVERIFY(!m_view->cardIndex(added).isValid());
        QVERIFY(storeAs()->card(added));
    }

    void shouldForgetADeletedLabelOfAKeptFilter()
    {
        // GIVEN the last filter shows one label's cards, and that label is deleted meanwhile
        const storage::Label label = storeAs()->labels()->constFirst();
        board::CardFilter byLabel;
        byLabel.labelIds = {label.id};
        m_bar->setFilter(byLabel);
        QVERIFY(!shownIds().isEmpty());
        m_window.reset();
        QVERIFY(storeAs()->deleteLabel(label.id));
        // WHEN the board is opened again, THEN the filter comes back without it: every card shows, not none
        m_window = openDemo(QSize(1400, 900));
        m_view = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        m_bar = m_window->findChild<board::FilterBar *>(QStringLiteral("filterBar"));
        QVERIFY(m_bar->filter().labelIds.isEmpty());
        QCOMPARE(int(shownIds().size()), m_window->model()->cardCount());
        QVERIFY(storeAs()->restoreLabel(label.id));
    }

    void shouldSearchAgainWhenTheCardsChange()
    {
        // GIVEN a search on
        QTest::keyClicks(m_bar->searchField(), QStringLiteral("toner"));
        QTRY_VERIFY(m_bar->filter().searchIds.has_value());
        const int before = int(shownIds().size());
        // WHEN a card that matches is added from the column's quick-add field
        QLineEdit *quickAdd = m_view->quickAdd(0);
        quickAdd->setFocus();
        QTest::keyClicks(quickAdd, QStringLiteral("Toner for the 4th floor printer"));
        QTest::keyClick(quickAdd, Qt::Key_Return);
        QVERIFY(saved(*m_window));
        // THEN it shows, found by the search run again
        QTRY_COMPARE(int(shownIds().size()), before + 1);
    }

    void shouldKeepMovingCardsWhileFiltered()
    {
        // GIVEN only blocked cards shown
        QTest::mouseClick(toggle(QStringLiteral("blockedFilter")), Qt::LeftButton);
        const QList<qint64> blocked = shownIds();
        QVERIFY(!blocked.isEmpty());
        int column = 0;
        while (m_view->columnView(column)->model()->rowCount(m_view->columnView(column)->rootIndex()) == 0)
            ++column;
        QListView *view = m_view->columnView(column);
        const QModelIndex first = view->model()->index(0, 0, view->rootIndex());
        const qint64 id = first.data(board::BoardModel::IdRole).toLongLong();
        // WHEN it is moved to the next column with Ctrl+Right
        view->setFocus();
        view->setCurrentIndex(first);
        QTest::keyClick(view, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(saved(*m_window));
        // THEN it went there, in the file, and is still shown (still blocked)
        QCOMPARE(storedColumnOf(id), column + 1);
        QVERIFY(m_view->cardIndex(id).isValid());
        QCOMPARE(m_view->cardIndex(id).parent().row(), column + 1);
        m_window->undoStack()->undo();
        QVERIFY(saved(*m_window));
        QCOMPARE(storedColumnOf(id), column);
    }
};

QTEST_MAIN(tst_FilterBar)
#include "tst_filterbar.moc"
