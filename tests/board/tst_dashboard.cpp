// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard beside the board (View > Dashboard), driven as a manager does: Ctrl+D, the period picker by keys,
// tiles and bars clicked with the mouse (the board then shows exactly their tickets, until the bar's button clears
// it), the tables in place of the charts, the board's filter, a colleague's new ticket; and the same numbers as
// `helpboard-cli report --json` on the same file.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/model/cardfiltermodel.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/board/filterbar.h>
#include <board/widgets/dashboard/chartpanel.h>
#include <board/metrics/text.h>
#include <board/widgets/dashboard/dashboard.h>

#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QThread>
#include <QJsonDocument>
#include <QListView>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QScrollArea>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace hb;

class tst_Dashboard : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;
    board::Dashboard *m_dashboard = nullptr;

    /// helpboard-cli ARGS as ben, another desktop; its standard output, nothing when it failed.
    std::optional<QByteArray> cli(const QStringList &arguments) const
    {
        return cliAs(QStringLiteral("ben"), arguments);
    }

    /// How many cards the board shows now, in all its columns.
    int shownOnBoard() const
    {
        const board::CardFilterModel *cards =
                m_window->findChild<board::BoardView *>(QStringLiteral("boardView"))->filterModel();
        int shown = 0;
        for (int column = 0; column < m_window->model()->rowCount(); ++column)
            shown += cards->shownCount(column);
        return shown;
    }

    /// How many of @p ids are archived: the board never shows those.
    int archivedOf(const QSet<qint64> &ids) const
    {
        int archived = 0;
        for (qint64 id : ids)
            archived += storedCard(id).archivedAt ? 1 : 0;
        return archived;
    }

    static storage::CardQuery allCards()
    {
        storage::CardQuery all;
        all.includeArchived = true;
        return all;
    }

    board::FilterBar *filterBar() const { return m_window->findChild<board::FilterBar *>(); }
    board::ChartPanel *chart(const QString &name) const { return m_dashboard->findChild<board::ChartPanel *>(name); }

private Q_SLOTS:
    void initTestCase()
    {
        setUpDemo();
        QVERIFY2(!qEnvironmentVariable("HELPBOARD_CLI").isEmpty(), "ctest sets HELPBOARD_CLI");
    }

    void init()
    {
        m_window = openDemo(QSize(1280, 800));
        QVERIFY(m_window);
        // WHEN Ctrl+D is pressed on the board
        QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier);
        // THEN the dashboard shows beside it (a dock, not a dialog)
        auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("dashboardDock"));
        QVERIFY(dock);
        QTRY_VERIFY(dock->isVisible());
        QVERIFY(!dock->isFloating());
        m_dashboard = m_window->findChild<board::Dashboard *>(QStringLiteral("dashboard"));
        QVERIFY(m_dashboard);
        QTRY_VERIFY(m_dashboard->ticketsShown() > 0);
    }

    void cleanup()
    {
        m_window.reset();
        m_dashboard = nullptr;
    }

    void shouldGiveTheNumbersTheCliGives()
    {
        // GIVEN the dashboard on its default period (the last 30 days) and the CLI's report of the same file
        const auto report = cli({QStringLiteral("report"), QStringLiteral("--json")});
        QVERIFY(report);
        const QJsonObject cliFigures = QJsonDocument::fromJson(*report).object();
        const board::metrics::Summary &summary = m_dashboard->summary();
        // THEN every figure the CLI gives, the dashboard gives alike
        QCOMPARE(summary.created, cliFigures.value(u"created").toInt());
        QCOMPARE(summary.resolved, cliFigures.value(u"resolved").toInt());
        QCOMPARE(summary.backlog, cliFigures.value(u"backlog").toInt());
        QCOMPARE(summary.overdue, cliFigures.value(u"overdue").toInt());
        QCOMPARE(summary.unassigned, cliFigures.value(u"unassigned").toInt());
        QCOMPARE(summary.breached, cliFigures.value(u"sla_breached").toInt());
        QCOMPARE(double(summary.response.median.value_or(-1)),
                 cliFigures.value(u"first_response_ms").toObject().value(u"median").toDouble(-1));
        QCOMPARE(double(summary.businessResolution.median.value_or(-1)),
                 cliFigures.value(u"resolution_business_ms").toObject().value(u"median").toDouble(-1));
        QCOMPARE(summary.firstContact.count,
                 cliFigures.value(u"first_contact_resolution").toObject().value(u"count").toInt());
        QCOMPARE(summary.escalated.count, cliFigures.value(u"escalation_rate").toObject().value(u"count").toInt());
        QCOMPARE(summary.responseRate.count, cliFigures.value(u"response_rate").toObject().value(u"count").toInt());
        QCOMPARE(summary.solvedWithArticle.count,
                 cliFigures.value(u"solved_with_article").toObject().value(u"count").toInt());
        const QJsonObject perArticle = cliFigures.value(u"solved_per_article").toObject();
        QCOMPARE(perArticle.size(), summary.solvedPerArticle.size());
        for (auto it = summary.solvedPerArticle.cbegin(); it != summary.solvedPerArticle.cend(); ++it)
            QCOMPARE(perArticle.value(m_dashboard->dataset().articleTitles.value(it.key())).toInt(), it.value());
        // (and the demo board has something in each of them to compare)
        QVERIFY(summary.created > 0 && summary.resolved > 0 && summary.backlog > 0 && summary.escalated.count > 0
                && summary.solvedWithArticle.count > 0);
        // AND the tiles say them
        auto *open = m_dashboard->findChild<QAbstractButton *>(QStringLiteral("tileOpen"));
        QVERIFY(open);
        QVERIFY2(open->accessibleName() == QStringLiteral("Open: %1").arg(summary.backlog),
                 qPrintable(open->accessibleName()));
        // AND every chart's table is a sound model
        for (board::ChartPanel *panel : m_dashboard->findChildren<board::ChartPanel *>()) {
            QAbstractItemModelTester tester(panel->tableModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            QVERIFY(panel->tableModel()->columnCount() > 0);
        }
    }

    void shouldShowTheTicketsBehindATileOnTheBoard()
    {
        // WHEN the Open tile is clicked
        auto *open = m_dashboard->findChild<QAbstractButton *>(QStringLiteral("tileOpen"));
        QSignalSpy drilled(m_dashboard, &board::Dashboard::drillDown);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(drilled.count(), 1);
        // THEN the board shows exactly the open tickets (none of them archived), and the bar says so
        const auto ids = drilled.first().at(0).value<QSet<qint64>>();
        QCOMPARE(int(ids.size()), m_dashboard->summary().backlog);
        QCOMPARE(archivedOf(ids), 0);
        QCOMPARE(filterBar()->filter().cardIds, std::optional(ids));
        QTRY_COMPARE(shownOnBoard(), int(ids.size()));
        auto *drill = filterBar()->findChild<QToolButton *>(QStringLiteral("dashboardFilter"));
        QVERIFY(drill && drill->isVisible());
        QVERIFY2(filterBar()->describe().contains(u"From the dashboard: Open"), qPrintable(filterBar()->describe()));
        // AND the dashboard's own figures stay those of the whole board
        const int before = m_dashboard->summary().created;
        QCOMPARE(m_dashboard->ticketsShown(), int(storeAs()->cards(allCards()).value().size()));
        // WHEN the bar's button is clicked, every card shows again
        QTest::mouseClick(drill, Qt::LeftButton);
        QVERIFY(!filterBar()->filter().cardIds);
        QTRY_VERIFY(!drill->isVisible());
        QTRY_COMPARE(shownOnBoard(), int(storeAs()->cards().value().size()));
        QCOMPARE(m_dashboard->summary().created, before);
    }

    void shouldShowTheTicketsBehindABarOnTheBoard_data()
    {
        QTest::addColumn<QString>("chartName");
        QTest::addColumn<int>("set");
        QTest::addColumn<int>("category");
        QTest::addColumn<QString>("named");
        QTest::newRow("email in volume per channel")
                << u"perChannel"_qs << 0 << int(storage::Channel::Email) << u"Created by Email"_qs;
        QTest::newRow("open for under a day") << u"backlogAges"_qs << 0 << 0 << u"Open for < 1 d"_qs;
        QTest::newRow("resolved by alice") << u"technicians"_qs << 1 << 0 << u"Resolved by alice"_qs;
        QTest::newRow("solved with an article") << u"articles"_qs << 0 << 0 << u"Solved with “"_qs;
    }

    void shouldShowTheTicketsBehindABarOnTheBoard()
    {
        QFETCH(QString, chartName);
        QFETCH(int, set);
        QFETCH(int, category);
        QFETCH(QString, named);
        board::ChartPanel *panel = chart(chartName);
        QVERIFY(panel);
        // GIVEN the chart in view, its bar worth clicking
        m_dashboard->findChild<QScrollArea *>()->ensureWidgetVisible(panel);
        QTRY_VERIFY(panel->chartView()->isVisible());
        const double value = panel->tableModel()->item(category, set)->data(Qt::UserRole).toDouble();
        QVERIFY2(value > 0, "the demo board has tickets there");
        // WHEN the bar is clicked with the mouse
        QSignalSpy drilled(m_dashboard, &board::Dashboard::drillDown);
        QTest::mouseClick(panel->chartView()->viewport(), Qt::LeftButton, {}, panel->barCenter(set, category));
        // THEN exactly the tickets it counts are on the board (archived ones said, not shown)
        QCOMPARE(drilled.count(), 1);
        const auto ids = drilled.first().at(0).value<QSet<qint64>>();
        QCOMPARE(int(ids.size()), int(value));
        QVERIFY2(drilled.first().at(1).toString().startsWith(named), qPrintable(drilled.first().at(1).toString()));
        QCOMPARE(drilled.first().at(2).toInt(), archivedOf(ids));
        QTRY_COMPARE(shownOnBoard(), int(ids.size()) - archivedOf(ids));
        filterBar()->clear();
    }

    void shouldDrillDownFromATableByKeys()
    {
        // WHEN the charts are shown as tables and Enter is pressed on a cell
        auto *tables = m_dashboard->findChild<QToolButton *>(QStringLiteral("dashboardTables"));
        QTest::mouseClick(tables, Qt::LeftButton);
        board::ChartPanel *panel = chart(u"perChannel"_qs);
        QTRY_VERIFY(panel->table()->isVisible());
        QVERIFY(!panel->chartView()->isVisible());
        panel->table()->setFocus();
        panel->table()->setCurrentIndex(panel->tableModel()->index(int(storage::Channel::Phone), 0));
        QSignalSpy drilled(m_dashboard, &board::Dashboard::drillDown);
        QTest::keyClick(panel->table(), Qt::Key_Return);
        // THEN it drills down as its bar would
        QCOMPARE(drilled.count(), 1);
        QCOMPARE(int(drilled.first().at(0).value<QSet<qint64>>().size()),
                 m_dashboard->summary().createdPerChannel.value(storage::Channel::Phone));
        filterBar()->clear();
    }

    void shouldFollowThePeriodAndTheBoardsFilter()
    {
        const board::metrics::Summary month = m_dashboard->summary();
        // WHEN "Last 7 days" is picked with the keys
        auto *range = m_dashboard->findChild<QComboBox *>(QStringLiteral("dashboardRange"));
        QSignalSpy updated(m_dashboard, &board::Dashboard::updated);
        range->setFocus();
        QCOMPARE(range->currentText(), u"Last 30 days"_qs);
        QTest::keyClick(range, Qt::Key_Up);
        // THEN the figures are those of the week: no more created than in the month, a week of days
        QTRY_VERIFY(updated.count() >= 1);
        QCOMPARE(range->currentText(), u"Last 7 days"_qs);
        QCOMPARE(m_dashboard->period().buckets.size(), 7);
        QVERIFY(m_dashboard->summary().created <= month.created);
        QCOMPARE(m_dashboard->period().to - m_dashboard->period().from, 7 * 24 * 3600 * 1000LL);
        const int week = m_dashboard->summary().created;
        // WHEN the board is filtered to the phone channel
        board::CardFilter phone;
        phone.channel = storage::Channel::Phone;
        filterBar()->setFilter(phone);
        // THEN every figure is of phone tickets only
        QTRY_COMPARE(m_dashboard->summary().createdPerChannel.value(storage::Channel::Phone),
                     m_dashboard->summary().created);
        QVERIFY(m_dashboard->summary().createdPerChannel.value(storage::Channel::Email) == 0);
        QVERIFY(m_dashboard->summary().created < week);
        // WHEN it is filtered to tickets whose service level is breached
        board::CardFilter breached;
        breached.slaStates = {u"breached"_qs};
        filterBar()->setFilter(breached);
        // THEN the figures are of those (the board's clocks read for the dashboard too)
        QTRY_VERIFY(m_dashboard->summary().breached > 0);
        QCOMPARE(m_dashboard->summary().backlog, m_dashboard->summary().breached);
        // AND without it, the whole week's again
        filterBar()->clear();
        QTRY_COMPARE(m_dashboard->summary().created, week);
    }

    void shouldReadOnADarkPalette()
    {
        // GIVEN a dark desktop palette
        const QPalette dark = tests::darkPalette();
        const QPalette before = QApplication::palette();
        QApplication::setPalette(dark);
        // THEN every chart writes its names and numbers in the palette's light text
        for (board::ChartPanel *panel : m_dashboard->findChildren<board::ChartPanel *>()) {
            const QList<QAbstractAxis *> axes = panel->chartView()->chart()->axes();
            QVERIFY(!axes.isEmpty());
            for (QAbstractAxis *axis : axes)
                QTRY_COMPARE(axis->labelsColor(), dark.color(QPalette::WindowText));
        }
        // (looked at: the dashboard as it reads on a dark desktop)
        QVERIFY(m_window->grab().save(QDir::current().filePath(u"dashboard-dark.png"_qs)));
        QApplication::setPalette(before);
    }

    void shouldCountATicketTickedResolvedAtFirstContact()
    {
        // GIVEN a ticket resolved by email (the rule does not count it) open in the card editor
        QListView *done = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(2);
        qint64 id = 0;
        for (int row = 0; row < done->model()->rowCount(done->rootIndex()) && !id; ++row) {
            const QModelIndex index = done->model()->index(row, 0, done->rootIndex());
            const qint64 each = index.data(board::BoardModel::IdRole).toLongLong();
            if (storedCard(each).channel == storage::Channel::Email) {
                id = each;
                done->setFocus();
                done->setCurrentIndex(index);
                QTest::keyClick(done, Qt::Key_Return);
            }
        }
        QVERIFY2(id, "the demo board has a ticket resolved by email");
        QVERIFY(storedCard(id).resolvedAt && !storedCard(id).firstContact);
        auto *tick = m_window->findChild<QCheckBox *>(QStringLiteral("firstContactBox"));
        QVERIFY(tick);
        QTRY_VERIFY(tick->isVisible() && tick->isEnabled());
        QVERIFY(!tick->isChecked());
        QSignalSpy drilled(m_dashboard, &board::Dashboard::drillDown);
        QTest::mouseClick(m_dashboard->findChild<QAbstractButton *>(QStringLiteral("tileFirstContact")),
                          Qt::LeftButton);
        QCOMPARE(drilled.count(), 1);
        QVERIFY(!drilled.first().at(0).value<QSet<qint64>>().contains(id));
        filterBar()->clear();
        const int before = m_dashboard->summary().firstContact.count;
        // WHEN "Resolved at first contact" is ticked with the mouse
        QTest::mouseClick(tick, Qt::LeftButton, {}, QPoint(8, tick->height() / 2));
        QVERIFY(saved(*m_window));
        // THEN the file has it, and the dashboard counts it
        QVERIFY(storedCard(id).firstContact);
        QTRY_COMPARE_WITH_TIMEOUT(m_dashboard->summary().firstContact.count, before + 1, 5000);
        // AND Ctrl+Z takes the tick back
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*m_window));
        QVERIFY(!storedCard(id).firstContact);
        QTRY_VERIFY(!tick->isChecked());
    }

    void shouldWriteThePeriodsReportAsPdfAndCsv()
    {
        // WHEN the report is exported as PDF and as CSV
        QTemporaryDir dir;
        const QString pdf = dir.filePath(u"report.pdf"_qs);
        const storage::Status written = m_dashboard->exportPdf(pdf);
        QVERIFY2(written, written ? "" : qPrintable(written.error().message));
        const storage::Status csv =
                m_dashboard->exportCsv(dir.filePath(u"figures.csv"_qs), dir.filePath(u"tickets.csv"_qs));
        QVERIFY2(csv, csv ? "" : qPrintable(csv.error().message));
        // THEN the PDF is one a PDF reader reads: several pages, the board, the period and every chart's title in it
        const auto tool = [](const QString &program, const QStringList &arguments) {
            QProcess process;
            process.start(program, arguments);
            const bool ran = process.waitForFinished(30000) && process.exitCode() == 0;
            return ran ? std::optional(QString::fromUtf8(process.readAllStandardOutput())) : std::nullopt;
        };
        const auto info = tool(u"pdfinfo"_qs, {pdf});
        QVERIFY2(info, "pdfinfo (poppler-utils, which dev.sh installs) could not read the PDF");
        const QRegularExpressionMatch pages = QRegularExpression(u"Pages:\\s+(\\d+)"_qs).match(*info);
        QVERIFY2(pages.hasMatch() && pages.captured(1).toInt() >= 2, qPrintable(*info));
        auto text = tool(u"pdftotext"_qs, {u"-layout"_qs, pdf, u"-"_qs});
        QVERIFY(text);
        text->replace(QChar(0xFB01), u"fi"_qs); // (the PDF's font joins f and i)
        QVERIFY2(text->contains(u"Help-desk report: IT Help Desk"), qPrintable(text->left(400)));
        QVERIFY(text->contains(u"Created and resolved") && text->contains(u"SLA attainment per priority"));
        QVERIFY2(text->contains(u"At a glance") && text->contains(u"Other figures"), qPrintable(text->left(900)));
        QVERIFY(text->contains(
                u"Escalation rate: %1"_qs.arg(board::metrics::shareText(m_dashboard->summary().escalated))));
        // (looked at: its first page as an image)
        tool(u"pdftoppm"_qs, {u"-png"_qs, u"-r"_qs, u"60"_qs, u"-f"_qs, u"1"_qs, u"-l"_qs, u"2"_qs, pdf,
                              QDir::current().filePath(u"dashboard-report"_qs)});
        // AND the CSV files hold the figures and a line per ticket of the period
        QFile figures(dir.filePath(u"figures.csv"_qs));
        QVERIFY(figures.open(QIODevice::ReadOnly));
        const QByteArray figureText = figures.readAll();
        QVERIFY(figureText.startsWith("metric,detail,value\r\n"));
        const QByteArray created = "created,," + QByteArray::number(m_dashboard->summary().created) + "\r\n";
        QVERIFY2(figureText.contains(created), figureText.constData());
        QFile tickets(dir.filePath(u"tickets.csv"_qs));
        QVERIFY(tickets.open(QIODevice::ReadOnly));
        QVERIFY(tickets.readAll().count("\r\n") > m_dashboard->summary().created);
    }

    void shouldReadTheBoardWithoutHoldingTheWindow()
    {
        // GIVEN a dashboard whose reads take half a second (a big board on a slow share)
        board::Dashboard dashboard;
        QSignalSpy updated(&dashboard, &board::Dashboard::updated);
        const auto slowly = [this] {
            return [board = m_board](board::metrics::Dataset) {
                QThread::msleep(500);
                return board::metrics::readDataset(board, tests::optionsFor(u"alice"_qs));
            };
        };
        dashboard.setReader(slowly());
        // WHEN it reads the board
        QElapsedTimer clock;
        clock.start();
        dashboard.reload();
        // THEN the window's thread goes on at once, and the figures come when the read is done
        QVERIFY2(clock.elapsed() < 250, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(updated.count(), 0);
        // AND a reader set meanwhile (another board opened) wins: the first read is not shown (one update only)
        dashboard.setReader(slowly());
        dashboard.reload();
        QVERIFY(updated.wait(10'000));
        QTRY_COMPARE_WITH_TIMEOUT(dashboard.ticketsShown(), int(storeAs()->cards(allCards()).value().size()), 10'000);
        QTest::qWait(700); // (any read still running ends)
        QCOMPARE(updated.count(), 1);
        QVERIFY(dashboard.readError().isEmpty());
    }

    void shouldReadOnlyWhatChangedSinceItsLastRead()
    {
        // GIVEN a dashboard that has read the board, through a reader that says what it was given
        board::Dashboard dashboard;
        QSignalSpy updated(&dashboard, &board::Dashboard::updated);
        QList<board::metrics::Dataset> given;
        QMutex guard;
        dashboard.setReader([&, board = m_board](board::metrics::Dataset previous) {
            {
                const QMutexLocker locked(&guard);
                given << previous;
            }
            return board::metrics::updateDataset(board, tests::optionsFor(u"alice"_qs), std::move(previous));
        });
        dashboard.reload();
        QVERIFY(updated.wait(10'000));
        const int before = dashboard.ticketsShown();
        // WHEN a colleague makes a ticket, and the dashboard reads again
        storage::NewCard card;
        card.title = u"Badge reader at the side door"_qs;
        card.columnId = storeAs(u"ben"_qs)->columns().value().constFirst().id;
        QVERIFY(storeAs(u"ben"_qs)->createCard(card));
        dashboard.reload();
        QVERIFY(updated.wait(10'000));
        // THEN it counts the new ticket, from an update of its first read (not a read of nothing)
        QCOMPARE(dashboard.ticketsShown(), before + 1);
        const QMutexLocker locked(&guard);
        QCOMPARE(given.size(), 2);
        QCOMPARE(given.at(0).now, 0);
        QVERIFY(given.at(1).now > 0 && given.at(1).seq > 0);
        QCOMPARE(given.at(1).rows.size(), before);
    }

    void shouldSayNoDataOnAnEmptyBoard()
    {
        // GIVEN a new board without a ticket, label or target
        QTemporaryDir dir;
        const QString empty = dir.filePath(u"empty.helpboard"_qs);
        QVERIFY(storage::BoardStore::create(empty, u"Empty"_qs, tests::optionsFor(u"alice"_qs)));
        board::Dashboard dashboard;
        dashboard.resize(520, 800);
        dashboard.show();
        QSignalSpy updated(&dashboard, &board::Dashboard::updated);
        // WHEN the dashboard reads it
        dashboard.setReader([empty](board::metrics::Dataset) {
            return board::metrics::readDataset(empty, tests::optionsFor(u"alice"_qs));
        });
        dashboard.reload();
        QVERIFY(updated.wait(10'000));
        // THEN counts are 0, times and shares "no data" (never NaN), and every chart says it has nothing to show
        QCOMPARE(dashboard.ticketsShown(), 0);
        QCOMPARE(dashboard.summary().created, 0);
        for (const QString &name : {u"tileOpen"_qs, u"tileResponse"_qs, u"tileFirstContact"_qs}) {
            const QString said = dashboard.findChild<QAbstractButton *>(name)->accessibleName();
            QVERIFY2(said.endsWith(u": 0") || said.endsWith(u": no data"), qPrintable(said));
            QVERIFY(!said.contains(u"nan", Qt::CaseInsensitive));
        }
        for (board::ChartPanel *panel : dashboard.findChildren<board::ChartPanel *>())
            QVERIFY2(!panel->chartView()->isVisible(), qPrintable(panel->objectName()));
        // AND a drill-down there shows nothing, without failing
        QSignalSpy drilled(&dashboard, &board::Dashboard::drillDown);
        QTest::mouseClick(dashboard.findChild<QAbstractButton *>(u"tileOpen"_qs), Qt::LeftButton);
        QCOMPARE(drilled.count(), 1);
        QVERIFY(drilled.first().at(0).value<QSet<qint64>>().isEmpty());
    }

    void shouldCountAColleaguesNewTicket()
    {
        const int created = m_dashboard->summary().created;
        // WHEN ben, on another desktop, files a ticket by phone
        QVERIFY(cli({QStringLiteral("add"), QStringLiteral("--title"), QStringLiteral("Headset broken"),
                     QStringLiteral("--channel"), QStringLiteral("phone")}));
        // THEN the dashboard counts it, a moment after the board shows it
        QTRY_COMPARE_WITH_TIMEOUT(m_dashboard->summary().created, created + 1, 10'000);
    }
};

QTEST_MAIN(tst_Dashboard)
#include "tst_dashboard.moc"
