// SPDX-License-Identifier: GPL-3.0-or-later
// A first start: the welcome page, driven with real keys and clicks, and the demo board marked as such.
#include "demowindowtestcase.h"

#include <app/welcomedialog.h>

#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>

using namespace hb;

class TestWelcome : public tests::DemoWindowTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void shouldOfferTheTeamsBoardANewOneOrTheDemo_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<int>("choice");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("asked"); ///< what the file dialog was offered as the new board's file name
        QTest::newRow("a board file") << QStringLiteral("open") << int(app::WelcomeDialog::Choice::Open)
                                      << QStringLiteral("/share/it/Support.helpboard") << QString();
        QTest::newRow("a board opened before") << QStringLiteral("recent") << int(app::WelcomeDialog::Choice::Open)
                                               << QStringLiteral("/share/it/Old.helpboard") << QString();
        QTest::newRow("a new board") << QStringLiteral("create") << int(app::WelcomeDialog::Choice::Create)
                                     << QStringLiteral("/home/ann/IT Desk- North-South.helpboard")
                                     << QStringLiteral("IT Desk- North-South.helpboard");
        QTest::newRow("the demo") << QStringLiteral("demo") << int(app::WelcomeDialog::Choice::Demo) << QString()
                                  << QString();
        QTest::newRow("a file dialog cancelled")
                << QStringLiteral("cancel") << int(app::WelcomeDialog::Choice::None) << QString() << QString();
    }

    void shouldOfferTheTeamsBoardANewOneOrTheDemo()
    {
        QFETCH(QString, how);
        QFETCH(int, choice);
        QFETCH(QString, path);
        QFETCH(QString, asked);
        app::WelcomeDialog page({QStringLiteral("/share/it/Old.helpboard")});
        QString offered;
        page.setFileAsker([&](bool save, const QString &suggested) {
            offered = suggested;
            if (how == u"cancel")
                return QString();
            // the folder chosen in the dialog; a new board's name without its ending gets it
            return save ? QStringLiteral("/home/ann/") + suggested.chopped(10) : path;
        });
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        if (how == u"open" || how == u"cancel") {
            QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("openBoardFile")), Qt::LeftButton);
        } else if (how == u"recent") {
            auto *recent = page.findChild<QListWidget *>(QStringLiteral("recentBoards"));
            QVERIFY(recent->isVisible());
            QCOMPARE(recent->item(0)->text(), QStringLiteral("Old.helpboard"));
            recent->setFocus();
            recent->setCurrentRow(0);
            QTest::keyClick(recent, Qt::Key_Return);
        } else if (how == u"create") {
            auto *create = page.findChild<QPushButton *>(QStringLiteral("createBoard"));
            QVERIFY(!create->isEnabled()); // a board needs a name
            auto *name = page.findChild<QLineEdit *>(QStringLiteral("newBoardName"));
            name->setFocus();
            QTest::keyClicks(name, QStringLiteral("IT Desk: North/South"));
            QVERIFY(create->isEnabled());
            QTest::keyClick(name, Qt::Key_Return);
        } else {
            QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("tryDemo")), Qt::LeftButton);
        }
        QCOMPARE(int(page.choice()), choice);
        QCOMPARE(page.path(), path);
        QCOMPARE(page.isVisible(), how == u"cancel"); // still asking
        if (!asked.isEmpty())
            QCOMPARE(offered, asked);
        if (how == u"create")
            QCOMPARE(page.boardName(), QStringLiteral("IT Desk: North/South"));
    }

    void shouldSayDemoOnTheDemoBoardOnly()
    {
        // The demo board says so in the title bar and the status bar
        auto window = openDemo();
        QVERIFY(window);
        QVERIFY2(window->windowTitle().startsWith(u"DEMO: IT Help Desk"), qPrintable(window->windowTitle()));
        bool said = false;
        for (QLabel *label : window->statusBar()->findChildren<QLabel *>())
            said = said || label->text().startsWith(u"DEMO board");
        QVERIFY(said);
        window.reset();
        // A board made empty is not a demo
        const QString path = m_dir.filePath(QStringLiteral("team.helpboard"));
        auto store =
                storage::BoardStore::create(path, QStringLiteral("Team"), tests::optionsFor(QStringLiteral("ann")));
        QVERIFY(store);
        QVERIFY(!(*store)->isDemo());
        app::MainWindow team(std::move(store).value());
        team.show();
        QVERIFY(QTest::qWaitForWindowExposed(&team));
        QCOMPARE(team.windowTitle(), QStringLiteral("Team — HelpBoard"));
        for (QLabel *label : team.statusBar()->findChildren<QLabel *>())
            QVERIFY(!label->text().contains(u"DEMO"));
    }

    void shouldReportItsStartAndQuitOncePainted()
    {
        // The program itself (helpboard-bench --gui-start runs it so): each step of its start in order, then it quits
        const QString program = qEnvironmentVariable("HELPBOARD_APP");
        QVERIFY2(!program.isEmpty(), "ctest sets HELPBOARD_APP");
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        app.setProcessEnvironment(environment);
        const qint64 started = QDateTime::currentMSecsSinceEpoch();
        app.start(program, {QStringLiteral("--report-startup"), m_board});
        QVERIFY(app.waitForFinished(60'000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QStringList steps;
        qint64 last = started;
        for (const QByteArray &line : app.readAllStandardOutput().trimmed().split('\n')) {
            const QList<QByteArray> parts = line.split(' ');
            QCOMPARE(parts.size(), 2);
            steps << QString::fromLatin1(parts.at(0));
            const qint64 at = parts.at(1).toLongLong();
            QVERIFY2(at >= last && at <= QDateTime::currentMSecsSinceEpoch(), line.constData());
            last = at;
        }
        QCOMPARE(steps, (QStringList{QStringLiteral("main"), QStringLiteral("application"), QStringLiteral("opened"),
                                     QStringLiteral("window"), QStringLiteral("shown"), QStringLiteral("painted")}));
        // AND --help does not offer it to people
        app.start(program, {QStringLiteral("--help")});
        QVERIFY(app.waitForFinished(30'000));
        const QString help = QString::fromLocal8Bit(app.readAllStandardOutput());
        QVERIFY2(help.contains(u"--demo"), qPrintable(help));
        QVERIFY(!help.contains(u"report-startup"));
    }
};

QTEST_MAIN(TestWelcome)
#include "tst_welcome.moc"
