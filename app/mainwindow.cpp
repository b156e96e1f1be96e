// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <board/boardactions.h>
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
#include <QUndoStack>

namespace hb::app {

MainWindow::MainWindow(std::unique_ptr<storage::BoardStore> store, QWidget *parent)
    : QMainWindow(parent)
    , m_model(new board::BoardModel(this))
    , m_view(new board::BoardView(m_model, this))
    , m_undoStack(new QUndoStack(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(m_view);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open board…"), this, &MainWindow::openBoard);
    open->setShortcut(QKeySequence::Open);
    QAction *refresh = file->addAction(tr("&Reload"), this, &MainWindow::reload);
    refresh->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    edit->addAction(undo);
    edit->addAction(redo);

    resize(1280, 800);
    setStore(std::move(store));
}

void MainWindow::setStore(std::unique_ptr<storage::BoardStore> store)
{
    // Undo history belongs to one board: commands hold its store.
    m_undoStack->clear();
    delete m_actions;
    m_actions = nullptr;
    m_store = std::move(store);
    if (!m_store->isReadOnly() && m_store->role() != storage::Role::Viewer) {
        m_actions = new board::BoardActions(*m_store, *m_model, *m_undoStack, this);
        connect(m_actions, &board::BoardActions::failed, this, [this](const QString &message) {
            statusBar()->showMessage(message, 10000);
            // Says why, without blocking the board behind a modal loop.
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Not saved"), message, QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("notSavedMessage"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
    }
    m_view->setActions(m_actions);
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
    setStore(std::move(store).value());
}

} // namespace hb::app
