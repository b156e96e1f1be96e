// SPDX-License-Identifier: GPL-3.0-or-later
#include "appinfo.h"
#include "mainwindow.h"
#include "recentboards.h"
#include "welcomedialog.h"

#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>
#include <storage/lockprobe.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>

using namespace hb;

namespace {

// The demo board (the default board's place) is created with its sample content the first time.
storage::Result<std::unique_ptr<storage::BoardStore>> openOrCreateDemo(const QString &path)
{
    if (QFileInfo::exists(path))
        return storage::BoardStore::open(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    auto store = storage::BoardStore::create(path, QApplication::translate("main", "IT Help Desk"));
    if (!store)
        return store;
    if (auto populated = storage::populateDemoBoard(**store); !populated) {
        // Never leave a half-filled board behind: the next start tries again from scratch.
        store->reset();
        QFile::remove(path);
        return populated.error();
    }
    return store;
}

/**
 * --report-startup: when each step of the start was done, as milliseconds since the epoch on standard output
 * ("painted 1765050000123"), for helpboard-bench --gui-start to set against the moment it started the process.
 * The last, "painted", comes when the board's cards are on screen; the program quits then.
 */
class StartupReport final : public QObject
{
public:
    explicit StartupReport(bool on)
        : m_on(on)
    { }

    void step(const char *name, qint64 at = QDateTime::currentMSecsSinceEpoch()) const
    {
        if (m_on)
            QTextStream(stdout) << name << ' ' << at << Qt::endl;
    }

    /// Waits for @p window's board to be painted, then says so and quits.
    void untilPainted(QWidget *window)
    {
        if (!m_on)
            return;
        m_window = window;
        QApplication::instance()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // The strip that holds the columns: painted before them in the same round, and painted on a board without
        // columns too.
        if (event->type() == QEvent::Paint && !m_painted && watched->objectName() == u"boardStrip"
            && static_cast<QWidget *>(watched)->window() == m_window) {
            m_painted = true;
            // Once this round of painting has reached the screen.
            QTimer::singleShot(0, this, [this] {
                step("painted");
                QApplication::quit();
            });
        }
        return false;
    }

private:
    bool m_on;
    bool m_painted = false;
    QWidget *m_window = nullptr;
};

} // namespace

int main(int argc, char *argv[])
{
    const qint64 started = QDateTime::currentMSecsSinceEpoch();
    QApplication application(argc, argv);
    app::setApplicationInfo();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.helpboard.HelpBoard.png")));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.helpboard.HelpBoard"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Kanban board for IT help desks"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QApplication::translate("main", "Board file to open"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Without a board to open, open the demo board "
                                                                  "instead of asking (created the first time)"));
    parser.addOption(demo);
    QCommandLineOption reportStartup(QStringLiteral("report-startup"),
                                     QStringLiteral("Print when each step of the start was done, and quit once the "
                                                    "board is painted (for helpboard-bench)"));
    reportStartup.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(reportStartup);
    parser.process(application);
    StartupReport report(parser.isSet(reportStartup));
    report.step("main", started);
    report.step("application");

    // Before the first write (opening writes the daily check's stamp): prove the share passes locks, then watch it.
    storage::LockProbe::setWriteGate(&storage::LockProbe::proveAndWatch);
    const QStringList files = parser.positionalArguments();
    // Without a file: the board used last, if it is still there; else (a first start) the welcome page asks which
    // board, unless --demo says the demo board.
    const QString last = app::RecentBoards::last();
    const auto welcome = [&]() -> storage::Result<std::unique_ptr<storage::BoardStore>> {
        if (parser.isSet(demo))
            return openOrCreateDemo(app::defaultBoardPath());
        QStringList recent = app::RecentBoards::boards();
        recent.removeIf([](const QString &path) { return !QFileInfo::exists(path); });
        app::WelcomeDialog page(recent);
        if (page.exec() != QDialog::Accepted)
            return storage::Error{storage::ErrorKind::Invalid, {}}; // quit: nothing to say
        switch (page.choice()) {
        case app::WelcomeDialog::Choice::Open:
            return storage::BoardStore::open(page.path());
        case app::WelcomeDialog::Choice::Create:
            return storage::BoardStore::create(page.path(), page.boardName());
        case app::WelcomeDialog::Choice::Demo:
        case app::WelcomeDialog::Choice::None:
            break;
        }
        return openOrCreateDemo(app::defaultBoardPath());
    };
    auto store = !files.isEmpty()                             ? storage::BoardStore::open(files.first())
                 : !last.isEmpty() && QFileInfo::exists(last) ? storage::BoardStore::open(last)
                                                              : welcome();
    // The board cannot be opened (share gone, damaged, a name refused): say why, then ask again instead of
    // refusing to start at all (with --demo, the demo board is tried once more).
    for (int tries = 0;
         !store && files.isEmpty() && !store.error().message.isEmpty() && (!parser.isSet(demo) || tries < 1); ++tries) {
        QMessageBox::warning(nullptr, QApplication::translate("main", "HelpBoard"), store.error().message);
        store = welcome();
    }
    if (!store) {
        if (!store.error().message.isEmpty())
            QMessageBox::critical(nullptr, QApplication::translate("main", "HelpBoard"), store.error().message);
        return store.error().message.isEmpty() ? 0 : 1;
    }
    report.step("opened");
    int code = 0;
    {
        app::MainWindow window(std::move(store).value());
        report.step("window");
        window.show();
        report.step("shown");
        report.untilPainted(&window);
        code = application.exec();
    } // the window's last saves land here, before the slots go
    // The slots freed before the process ends: colleagues do not wait for records that stopped moving.
    storage::LockProbe::stopWatching({}, true);
    return code;
}
