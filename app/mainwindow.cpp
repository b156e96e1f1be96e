// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <board/boardmodel.h>
#include <board/boardview.h>
#include <storage/boardstore.h>

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace hb::app {

MainWindow::MainWindow(std::unique_ptr<storage::BoardStore> store, QWidget *parent)
    : QMainWindow(parent)
    , m_store(std::move(store))
    , m_model(new board::BoardModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(new board::BoardView(m_model, this));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open board…"), this, &MainWindow::openBoard);
    open->setShortcut(QKeySequence::Open);
    QAction *refresh = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    refresh->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    resize(1280, 800);
    reload();
}

MainWindow::~MainWindow() = default;

void MainWindow::reload()
{
    if (auto loaded = m_model->load(*m_store); !loaded) {
        QMessageBox::warning(this, tr("HelpBoard"), loaded.error().message);
        return;
    }
    const QString name = m_store->boardName().ok() ? m_store->boardName().value() : QString();
    setWindowTitle(tr("%1 — HelpBoard").arg(name));
    const int cards = m_model->cardCount();
    QString status = (cards == 1 ? tr("1 card") : tr("%1 cards").arg(cards))
                     + tr("  ·  %1 (%2)  ·  %3")
                               .arg(m_store->login(), storage::toText(m_store->role()),
                                    QFileInfo(m_store->path()).absoluteFilePath());
    if (m_store->isReadOnly())
        status += tr("  ·  read-only: %1").arg(m_store->readOnlyReason());
    statusBar()->showMessage(status);
}

void MainWindow::openBoard()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open board"), QFileInfo(m_store->path()).absolutePath(),
                                                      tr("HelpBoard boards (*.helpboard);;All files (*)"));
    if (path.isEmpty())
        return;
    auto store = storage::BoardStore::open(path);
    if (!store) {
        QMessageBox::warning(this, tr("Cannot open board"), store.error().message);
        return;
    }
    m_store = std::move(store).value();
    reload();
}

} // namespace hb::app
