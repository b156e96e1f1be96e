// SPDX-License-Identifier: GPL-3.0-or-later
#include "appinfo.h"
#include "mainwindow.h"

#include <storage/boardstore.h>
#include <storage/demoboard.h>
#include <storage/lockprobe.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>

using namespace hb;

namespace {

// The default board is created with demo content the first time, so a newcomer sees a working board.
storage::Result<std::unique_ptr<storage::BoardStore>> openOrCreateDefault(const QString &path)
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

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    app::setApplicationInfo();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.helpboard.HelpBoard.png")));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.helpboard.HelpBoard"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Kanban board for IT help desks"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QApplication::translate("main", "Board file to open"));
    parser.process(application);

    // Before the first write (opening writes the daily check's stamp): prove the share passes locks, then watch it.
    storage::LockProbe::setWriteGate(&storage::LockProbe::proveAndWatch);
    const QStringList files = parser.positionalArguments();
    // Without a file: the board used last, if it is still there, else the default board.
    const QString last = app::MainWindow::lastBoard();
    auto store = !files.isEmpty()                             ? storage::BoardStore::open(files.first())
                 : !last.isEmpty() && QFileInfo::exists(last) ? storage::BoardStore::open(last)
                                                              : openOrCreateDefault(app::defaultBoardPath());
    if (!store && files.isEmpty() && !last.isEmpty()) {
        // The board used last cannot be opened now (share gone, damaged): say why, then start on the default
        // board instead of refusing to start at all.
        QMessageBox::warning(nullptr, QApplication::translate("main", "HelpBoard"), store.error().message);
        store = openOrCreateDefault(app::defaultBoardPath());
    }
    if (!store) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "HelpBoard"), store.error().message);
        return 1;
    }
    int code = 0;
    {
        app::MainWindow window(std::move(store).value());
        window.show();
        code = application.exec();
    } // the window's last saves land here, before the slots go
    // The slots freed before the process ends: colleagues do not wait for records that stopped moving.
    storage::LockProbe::stopWatching({}, true);
    return code;
}
