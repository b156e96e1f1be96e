// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing on the window's thread waits for the file (issue 14, part 5): while another process holds the board file's
// exclusive lock (helpboard-lock-holder, a real process), the window goes on turning its event loop through a reload,
// a search, a card's details, the archived and members dialogs and Save a Copy; each shows what it has and reads again
// once the lock is gone.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <storage/boardstore.h>

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace hb;

namespace {

/// How long the other process keeps the file: long enough that waiting for it would show.
constexpr int s_holdMs = 2000;
/// The longest the window's thread may stop turning its event loop meanwhile.
constexpr qint64 s_longestAllowedPauseMs = 1000;

/// The longest time between two turns of the window's event loop, seen by a 10 ms timer on its thread.
class PauseMeter final
{
public:
    PauseMeter()
    {
        m_ticks.setInterval(10);
        QObject::connect(&m_ticks, &QTimer::timeout, [this] { tick(); });
        m_clock.start();
        m_last = 0;
        m_ticks.start();
    }
    qint64 longest()
    {
        tick();
        return m_longest;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.elapsed();
        m_longest = std::max(m_longest, now - m_last);
        m_last = now;
    }

    QTimer m_ticks;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

QAction *actionByText(QWidget &window, const QString &text)
{
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

class TestUiThread final : public tests::DemoWindowTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        setUpDemo();
        QVERIFY(!qEnvironmentVariableIsEmpty("HELPBOARD_LOCK_HOLDER"));
        // An archived card, for the archived cards' dialog to show.
        auto store = storeAs();
        m_archived = store->cards()->constLast().id;
        QVERIFY(store->archiveCard(m_archived));
        // A card with a checklist, for its details.
        for (const storage::Card &card : store->cards().value()) {
            if (!store->checklist(card.id)->isEmpty()) {
                m_withChecklist = card.id;
                break;
            }
        }
        QVERIFY(m_withChecklist);
        // A word of a card's title, for the search.
        const QStringList words = store->card(m_withChecklist)->title.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        m_word = *std::max_element(words.cbegin(), words.cend(),
                                   [](const QString &a, const QString &b) { return a.size() < b.size(); });
        QVERIFY(!store->searchIndex(m_word)->isEmpty());
    }

    void shouldKeepTurningWhileAnotherProcessHoldsTheFile_data()
    {
        QTest::addColumn<QString>("doing");
        for (const char *doing :
             {"reload", "search", "card details", "archived cards", "members", "save a copy", "open board"})
            QTest::newRow(doing) << QString::fromLatin1(doing);
    }

    void shouldKeepTurningWhileAnotherProcessHoldsTheFile()
    {
        QFETCH(QString, doing);
        // GIVEN the board in a window
        auto window = openDemo();
        QVERIFY(window);
        auto *view = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        auto *banner = window->findChild<QLabel *>(QStringLiteral("boardBanner"));
        const int cardsBefore = window->model()->cardCount();
        QSignalSpy resets(window->model(), &QAbstractItemModel::modelReset);
        QSignalSpy copies(window.get(), &app::MainWindow::copySaved);
        const QString copy =
                m_dir.filePath(QStringLiteral("copy-%1.helpboard").arg(QString::fromLatin1(QTest::currentDataTag())));
        // AND another process that holds the file's exclusive lock
        QProcess holder;
        holder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        holder.start(qEnvironmentVariable("HELPBOARD_LOCK_HOLDER"), {m_board, QString::number(s_holdMs)});
        QVERIFY(holder.waitForStarted(5000));
        QVERIFY(holder.waitForReadyRead(5000));
        QCOMPARE(holder.readLine().trimmed(), QByteArray("locked"));
        QSignalSpy released(&holder, &QProcess::finished);
        PauseMeter meter;

        // WHEN the window reads while the file is locked
        if (doing == QLatin1String("reload")) {
            QAction *reload = actionByText(*window, QStringLiteral("&Reload"));
            QVERIFY(reload);
            reload->trigger();
            // THEN it says so quietly, with the board as last read
            QVERIFY(banner->isVisible());
            QVERIFY2(banner->text().contains(QStringLiteral("busy")), qPrintable(banner->text()));
            QCOMPARE(window->model()->cardCount(), cardsBefore);
        } else if (doing == QLatin1String("search")) {
            auto *search = window->findChild<QLineEdit *>(QStringLiteral("searchField"));
            search->setFocus();
            QTest::keyClicks(search, m_word);
        } else if (doing == QLatin1String("card details")) {
            QListView *column = view->columnView(window->model()->cardIndex(m_withChecklist).parent().row());
            QAbstractItemModel *cards = column->model();
            for (int row = 0; row < cards->rowCount(column->rootIndex()); ++row) {
                const QModelIndex index = cards->index(row, 0, column->rootIndex());
                if (index.data(board::BoardModel::IdRole).toLongLong() == m_withChecklist)
                    column->setCurrentIndex(index);
            }
            column->setFocus();
            QTest::keyClick(column, Qt::Key_Return);
        } else if (doing == QLatin1String("archived cards")) {
            window->findChild<QAction *>(QStringLiteral("showArchived"))->trigger();
        } else if (doing == QLatin1String("members")) {
            window->findChild<QAction *>(QStringLiteral("showMembers"))->trigger();
        } else if (doing == QLatin1String("open board")) {
            QSignalSpy opened(window->model(), &QAbstractItemModel::modelReset);
            window->openPath(m_board); // as File > Open and Open Recent do
            // THEN it says it waits, and keeps the board it has
            QVERIFY2(window->statusBar()->currentMessage().contains(u"waiting for a colleague's save"),
                     qPrintable(window->statusBar()->currentMessage()));
            QCOMPARE(opened.size(), 0);
            QCOMPARE(window->model()->cardCount(), cardsBefore);
        } else {
            window->saveCopyTo(copy);
        }
        // AND the other process lets go
        QVERIFY(released.wait(s_holdMs + 5000));
        QCOMPARE(holder.exitCode(), 0);

        // THEN what was asked for shows as the file has it, a moment after
        auto store = storeAs();
        if (doing == QLatin1String("reload")) {
            QTRY_VERIFY_WITH_TIMEOUT(resets.size() >= 1, 5000);
            QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden(), 5000);
            QCOMPARE(window->model()->cardCount(), store->cards()->size());
        } else if (doing == QLatin1String("search")) {
            int hitsOnBoard = 0;
            for (const qint64 id : store->searchIndex(m_word).value())
                hitsOnBoard += window->model()->cardIndex(id).isValid() ? 1 : 0;
            QVERIFY(hitsOnBoard > 0);
            QTRY_COMPARE_WITH_TIMEOUT(view->shownCardCount(), hitsOnBoard, 5000);
        } else if (doing == QLatin1String("card details")) {
            auto *checklist = window->findChild<QListView *>(QStringLiteral("checklistView"));
            QVERIFY(checklist && checklist->isVisible());
            QTRY_COMPARE_WITH_TIMEOUT(checklist->model()->rowCount(), int(store->checklist(m_withChecklist)->size()),
                                      5000);
        } else if (doing == QLatin1String("archived cards")) {
            auto *list = window->findChild<QTreeView *>(QStringLiteral("archivedList"));
            QVERIFY(list && list->isVisible());
            QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, 5000);
        } else if (doing == QLatin1String("members")) {
            auto *table = window->findChild<QTableView *>(QStringLiteral("membersTable"));
            QVERIFY(table && table->isVisible());
            QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), int(store->members()->size()), 5000);
        } else if (doing == QLatin1String("open board")) {
            QTRY_VERIFY_WITH_TIMEOUT(window->statusBar()->currentMessage().isEmpty(), 5000);
            QTRY_VERIFY_WITH_TIMEOUT(resets.size() >= 1, 5000);
            QCOMPARE(window->model()->cardCount(), store->cards()->size());
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(copies.size(), 1, 10000);
            QCOMPARE(copies.constFirst(), (QVariantList{copy, true}));
            auto copied = storage::BoardStore::open(copy, tests::optionsFor(QStringLiteral("alice")));
            QVERIFY(copied);
            QCOMPARE(copied.value()->cards()->size(), store->cards()->size());
        }
        // AND the window's thread never stopped for long
        const qint64 longest = meter.longest();
        qInfo("%s: longest pause of the window's thread while the file was locked: %lld ms", qPrintable(doing),
              longest);
        QVERIFY2(longest < s_longestAllowedPauseMs, qPrintable(QStringLiteral("paused %1 ms").arg(longest)));
    }

private:
    qint64 m_archived = 0;
    qint64 m_withChecklist = 0;
    QString m_word;
};

QTEST_MAIN(TestUiThread)
#include "tst_uithread.moc"
