// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "backups.h"
#include "recentboards.h"

#include <board/actions/boardactions.h>
#include <board/model/boardmodel.h>
#include <board/model/cardfiltermodel.h>
#include <board/sync/boardpoller.h>
#include <board/sync/storeworker.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/board/filterbar.h>
#include <board/widgets/cardeditor/cardeditor.h>
#include <board/widgets/common/menutext.h>
#include <board/widgets/dashboard/dashboard.h>
#include <board/widgets/common/shortcuts.h>
#include <board/widgets/common/theme.h>
#include <board/widgets/dialogs/archiveddialog.h>
#include <board/widgets/dialogs/conflictdialog.h>
#include <board/widgets/dialogs/helpwindows.h>
#include <board/widgets/dialogs/membersdialog.h>
#include <board/widgets/dialogs/servicelevelsdialog.h>
#include <board/widgets/dialogs/escalationtargetsdialog.h>
#include <board/widgets/knowledge/knowledgeview.h>
#include <storage/boardstore.h>
#include <storage/lockprobe.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDate>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace hb::app {

namespace {

// Room left on the screen for the window manager's title bar, which the window's own geometry does not count.
constexpr int s_titleBarAllowance = 40;

/// The desktop's "new" icon, or a plus sign in the highlight colour where its icon theme has none.
QIcon newIcon(const QPalette &palette)
{
    QIcon icon = QIcon::fromTheme(QStringLiteral("document-new"));
    if (!icon.isNull())
        return icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap plus(size, size);
        plus.fill(Qt::transparent);
        QPainter painter(&plus);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(palette.color(QPalette::Highlight), size / 6.0, Qt::SolidLine, Qt::RoundCap));
        const double margin = size / 5.0;
        painter.drawLine(QPointF(size / 2.0, margin), QPointF(size / 2.0, size - margin));
        painter.drawLine(QPointF(margin, size / 2.0), QPointF(size - margin, size / 2.0));
        painter.end();
        icon.addPixmap(plus);
    }
    return icon;
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<storage::BoardStore> store, QWidget *parent)
    : QMainWindow(parent)
    , m_model(new board::BoardModel(this))
    , m_view(new board::BoardView(m_model, this))
    , m_undoStack(new QUndoStack(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_filterBar(new board::FilterBar(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    // No write from this process before it proved that the share passes locks. The proof can take seconds (a
    // colleague's slot found free is watched): the window's own thread never waits for it, its writes (the daily
    // check's stamp at opening) are Busy until then and tried again later; saves run on workers, which wait.
    storage::LockProbe::setWriteGate([](const QString &boardPath, const QString &login) {
        if (QThread::currentThread() == QCoreApplication::instance()->thread())
            return storage::LockProbe::proveInBackground(boardPath, login, s_readBusyTimeoutMs);
        return storage::LockProbe::proveAndWatch(boardPath, login);
    });
    // The board, and beside it the card opened last (hidden until one is).
    m_splitter->setObjectName(QStringLiteral("boardSplitter"));
    // The filter bar over the board it filters.
    auto *boardPane = new QWidget(m_splitter);
    auto *boardLayout = new QVBoxLayout(boardPane);
    boardLayout->setContentsMargins(0, 0, 0, 0);
    boardLayout->setSpacing(0);
    // Why this board cannot be changed here, when it cannot: above everything it applies to.
    m_banner = new QLabel(boardPane);
    m_banner->setObjectName(QStringLiteral("boardBanner"));
    m_banner->setTextFormat(Qt::PlainText); // reasons carry file and folder names
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(12, 7, 12, 7);
    m_banner->setAutoFillBackground(true);
    {
        // A light amber strip with dark text, in light and dark palettes alike.
        QPalette palette = m_banner->palette();
        palette.setColor(QPalette::Window, board::theme::bannerBackground());
        palette.setColor(QPalette::WindowText, board::theme::bannerText());
        m_banner->setPalette(palette);
    }
    m_banner->hide();
    boardLayout->addWidget(m_banner);
    boardLayout->addWidget(m_filterBar);
    boardLayout->addWidget(m_view, 1);
    m_splitter->addWidget(boardPane);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setChildrenCollapsible(false);

    setCentralWidget(m_splitter);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("boardStatus"));
    m_statusLabel->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_statusLabel, 1);
    m_savingLabel = new QLabel(this);
    m_savingLabel->setObjectName(QStringLiteral("savingStatus"));
    m_savingLabel->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_savingLabel);
    m_presenceLabel = new QLabel(this);
    m_presenceLabel->setObjectName(QStringLiteral("presenceStatus"));
    m_presenceLabel->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_presenceLabel);
    // Tickets that just became at risk or breached: a desktop notification where there is a tray, else a button
    // here; either brings the ticket into view.
    m_alerts = new board::SlaAlerts(this);
    m_alerts->setScope(board::SlaAlerts::scopeFromName(QSettings().value(QStringLiteral("alerts/sla")).toString()));
    connect(m_alerts, &board::SlaAlerts::alerted, this, &MainWindow::showAlert);
    m_alertButton = new QToolButton(this);
    m_alertButton->setObjectName(QStringLiteral("slaAlertButton"));
    m_alertButton->setAutoRaise(true);
    m_alertButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_alertButton->hide();
    connect(m_alertButton, &QToolButton::clicked, this, &MainWindow::revealAlerted);
    statusBar()->addPermanentWidget(m_alertButton);
    m_alertTimer = new QTimer(this);
    m_alertTimer->setSingleShot(true);
    m_alertTimer->setInterval(s_alertShownMs);
    connect(m_alertTimer, &QTimer::timeout, m_alertButton, &QWidget::hide);
    connect(m_view, &board::BoardView::cardActivated, this, &MainWindow::showCard);
    // Counted once after a burst of changes (a filter moves thousands of rows, one signal each).
    m_statusTimer = new QTimer(this);
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(0);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, m_statusTimer, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::dataChanged, m_statusTimer, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateStatus);
    connect(m_filterBar, &board::FilterBar::filterChanged, this, &MainWindow::applyFilter);
    QAction *dashboard = setUpDashboard();
    QAction *knowledge = setUpKnowledge();
    // A search's hits are the file's at the time: cards added, renamed or reloaded are searched again.
    connect(m_model, &QAbstractItemModel::rowsInserted, m_filterBar, &board::FilterBar::refreshSearch);
    connect(m_model, &QAbstractItemModel::modelReset, m_filterBar, &board::FilterBar::refreshSearch);
    connect(m_model, &QAbstractItemModel::dataChanged, m_filterBar, &board::FilterBar::refreshSearch);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_view->filterModel(), signal, m_statusTimer, qOverload<>(&QTimer::start));
    connect(m_view->filterModel(), &QAbstractItemModel::layoutChanged, m_statusTimer, qOverload<>(&QTimer::start));
    // Cards become overdue as time passes: the filter judges again each minute.
    auto *clock = new QTimer(this);
    clock->setInterval(60'000);
    connect(clock, &QTimer::timeout, this, [this] { m_view->filterModel()->setContext(filterContext()); });
    clock->start();

    // A ticket with all its details: the editor opens on it, the title selected, for the rest to follow by Tab.
    m_newTicket = new QAction(newIcon(palette()), tr("New &Ticket"), this);
    m_newTicket->setObjectName(QStringLiteral("newTicket"));
    m_newTicket->setShortcut(QKeySequence::New);
    m_newTicket->setToolTip(tr("New ticket, opened for its details (%1)")
                                    .arg(m_newTicket->shortcut().toString(QKeySequence::NativeText)));
    connect(m_newTicket, &QAction::triggered, this, [this] { m_view->newTicket(); });
    connect(m_view, &board::BoardView::ticketCreated, this, [this](qint64 id) {
        showCard(id);
        editor()->editTitle();
    });
    // People named as the board names them, from what it read: no read of the file to describe a filter.
    m_filterBar->setNameOf([this](const QString &login) { return m_model->memberName(login); });
    // Its button starts the row above the board: no toolbar row of its own taking a line of cards.
    m_filterBar->addLeadingAction(m_newTicket);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newTicket);
    file->addSeparator();
    file->addAction(tr("&New Board…"), this, &MainWindow::newBoard)
            ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    file->addAction(tr("&Open Board…"), this, &MainWindow::openBoard)->setShortcut(QKeySequence::Open);
    QMenu *recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("recentMenu"));
    m_recent = new RecentBoards(
            recent, [this](const QString &path) { openPath(path); }, this);
    file->addSeparator();
    file->addAction(tr("Save a &Copy…"), this, &MainWindow::saveCopy);
    file->addAction(tr("&Back Up Now"), this, &MainWindow::backUpNow)->setObjectName(QStringLiteral("backUpNow"));
    file->addAction(tr("C&heck Board"), this, &MainWindow::checkBoard)->setObjectName(QStringLiteral("checkBoard"));
    file->addSeparator();
    QMenu *import = file->addMenu(tr("&Import"));
    m_importTrello = import->addAction(tr("&Trello Board…"), this, &MainWindow::importTrello);
    m_importTrello->setObjectName(QStringLiteral("importTrello"));
    m_importTrello->setToolTip(tr("A Trello board exported as JSON: lists, cards, checklists, comments, labels"));
    m_importCsv = import->addAction(tr("&CSV File of Tickets…"), this, &MainWindow::importCsv);
    m_importCsv->setObjectName(QStringLiteral("importCsv"));
    m_importCsv->setToolTip(tr("Tickets exported from another help desk or a spreadsheet"));
    m_importArticles = import->addAction(tr("&Articles from a Folder…"), this, &MainWindow::importArticles);
    m_importArticles->setObjectName(QStringLiteral("importArticles"));
    m_importArticles->setToolTip(tr("Every Markdown file (*.md) of a folder as a knowledge-base article"));
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    exportMenu->addAction(tr("Cards as &CSV…"), this, &MainWindow::exportCsv)
            ->setObjectName(QStringLiteral("exportCsv"));
    exportMenu->addAction(tr("Board as &JSON…"), this, &MainWindow::exportJson)
            ->setObjectName(QStringLiteral("exportJson"));
    file->addSeparator();
    file->addAction(tr("&Reload"), this, &MainWindow::reload)->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    file->addAction(tr("&Close"), this, &QWidget::close)->setShortcut(QKeySequence::Close);
    file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows)->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *find = new QAction(tr("&Find…"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_filterBar, &board::FilterBar::focusSearch);
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(board::redoShortcuts());
    // Undo reaches any card, not only the one open: say which, and bring it into view.
    connect(undo, &QAction::triggered, this,
            [this] { reportStep(m_undoStack->command(m_undoStack->index()), tr("Undone: %1")); });
    connect(redo, &QAction::triggered, this,
            [this] { reportStep(m_undoStack->command(m_undoStack->index() - 1), tr("Redone: %1")); });
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(find);
    QAction *archived = edit->addAction(tr("&Archived Cards…"), this, &MainWindow::showArchived);
    archived->setObjectName(QStringLiteral("showArchived"));
    archived->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(dashboard);
    view->addAction(knowledge);

    QMenu *boardMenu = menuBar()->addMenu(tr("&Board"));
    boardMenu->addAction(tr("&Members…"), this, &MainWindow::showMembers)->setObjectName(QStringLiteral("showMembers"));
    boardMenu->addAction(tr("Service &Levels…"), this, &MainWindow::showServiceLevels)
            ->setObjectName(QStringLiteral("showServiceLevels"));
    boardMenu->addAction(tr("&Escalation Targets…"), this, &MainWindow::showEscalationTargets)
            ->setObjectName(QStringLiteral("showEscalationTargets"));
    QMenu *alerts = boardMenu->addMenu(tr("Service Level &Alerts"));
    alerts->setObjectName(QStringLiteral("slaAlertsMenu"));
    auto *alertGroup = new QActionGroup(this);
    for (const auto &[scope, text] : {std::pair{board::SlaAlerts::Scope::Off, tr("&Off")},
                                      std::pair{board::SlaAlerts::Scope::Mine, tr("For &My Tickets")},
                                      std::pair{board::SlaAlerts::Scope::All, tr("For &All Tickets")}}) {
        QAction *action = alerts->addAction(text);
        action->setObjectName(QStringLiteral("slaAlerts_") + board::SlaAlerts::scopeName(scope));
        action->setCheckable(true);
        action->setChecked(m_alerts->scope() == scope);
        alertGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, scope = scope] {
            m_alerts->setScope(scope);
            QSettings().setValue(QStringLiteral("alerts/sla"), board::SlaAlerts::scopeName(scope));
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("&User Guide"), this, [this] {
        auto *dialog = new board::UserGuideDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence(Qt::Key_F1));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    keys->setObjectName(QStringLiteral("shortcutsAction"));
    keys->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    help->addSeparator();
    help->addAction(tr("&About HelpBoard"), this, &MainWindow::showAbout)->setObjectName(QStringLiteral("aboutAction"));

    m_backups = new Backups(this);
    // Once a day, unasked: said in the status bar, never in a box.
    connect(m_backups, &Backups::madeToday, this, [this](const QString &path, const QString &error) {
        if (!error.isEmpty())
            statusBar()->showMessage(tr("Today's backup was not made: %1").arg(error), 15000);
        else if (!path.isEmpty())
            statusBar()->showMessage(tr("Backed up today's board to %1").arg(path), 10000);
    });
    connect(m_backups, &Backups::madeNow, this, [this](const QString &path, const QString &error) {
        if (!error.isEmpty()) {
            statusBar()->clearMessage();
            warn(tr("Not backed up"), error);
            return;
        }
        statusBar()->showMessage(tr("Backed up the board to %1").arg(path), 15000);
    });
    // A board the file was too busy to give is read again a moment later, never waited for here.
    m_readRetry = new QTimer(this);
    m_readRetry->setSingleShot(true);
    m_readRetry->setInterval(s_readRetryMs);
    connect(m_readRetry, &QTimer::timeout, this, &MainWindow::reload);
    m_openRetry = new QTimer(this);
    m_openRetry->setSingleShot(true);
    m_openRetry->setInterval(s_readRetryMs / 2);
    connect(m_openRetry, &QTimer::timeout, this, [this] { openPath(m_opening); });

    // 1280x800 where the screen has room, never more than the screen (a laptop at 150 %); else the size it had
    // last, fitted to the screen it is on now: Qt 6.4's restoreGeometry() keeps a size saved on a bigger screen, or
    // at a smaller scale, which would put the window's edge and a card's editor out of sight.
    resize(QSize(1280, 800).boundedTo(screen()->availableGeometry().size() * 0.95));
    restoreGeometry(QSettings().value(QStringLiteral("window/geometry")).toByteArray());
    if (!isMaximized() && !isFullScreen()) {
        const QScreen *on = QGuiApplication::screenAt(geometry().center());
        const QRect room = (on ? on : screen())->availableGeometry();
        const QSize fits = size().boundedTo(room.size() - QSize(2, 2 + s_titleBarAllowance));
        if (fits != size())
            resize(fits);
        // (A window whose minimum size is bigger than the screen stays at the screen's top left.)
        if (!room.contains(geometry()))
            move(std::clamp(x(), room.left(), std::max(room.left(), room.right() + 1 - width())),
                 std::clamp(y(), room.top(), std::max(room.top(), room.bottom() + 1 - height())));
    }
    setStore(std::move(store));
}

void MainWindow::backUpNow()
{
    statusBar()->showMessage(tr("Backing up the board…"));
    m_backups->backUpNow();
}

void MainWindow::checkBoard()
{
    statusBar()->showMessage(tr("Checking the board…"));
    m_maintenance->submit(
            [](storage::BoardStore &store) {
                auto problems = store.verify();
                board::Saved saved(problems ? storage::Status() : storage::Status(problems.error()));
                saved.result = problems ? *problems : QStringList();
                return saved;
            },
            [this, file = QFileInfo(m_store->path()).fileName()](const board::Saved &saved) {
                statusBar()->clearMessage();
                const QStringList problems = saved.result.toStringList();
                auto *box = new QMessageBox(this);
                box->setObjectName(QStringLiteral("checkBoardResult"));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->setTextFormat(Qt::PlainText); // file and attachment names are people's
                box->setWindowTitle(tr("Check Board"));
                if (!saved.status) {
                    box->setIcon(QMessageBox::Warning);
                    box->setText(tr("%1 could not be checked: %2").arg(file, saved.status.error().message));
                } else if (problems.isEmpty()) {
                    box->setIcon(QMessageBox::Information);
                    box->setText(tr("%1 is sound: no problems found.").arg(file));
                } else {
                    box->setIcon(QMessageBox::Warning);
                    box->setText(tr("%n problem(s) found in %1. Restore it from a backup (in \"%2\").", nullptr,
                                    int(problems.size()))
                                         .arg(file, QFileInfo(m_store->backupFolder()).fileName()));
                    box->setDetailedText(problems.join(QLatin1Char('\n')));
                }
                box->open();
            });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_details)
        m_details->commit();
    if (m_details && m_details->isVisible())
        QSettings().setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    // A change still on its way to the file is finished first; the window closes when it has landed, or stays
    // open when it could not be saved, so the message is seen.
    if (m_actions && m_actions->isSaving()) {
        if (m_actions->isWaitingForTheFile()) {
            // Waiting could be long: the user decides whether their changes are worth it.
            QMessageBox ask(QMessageBox::Warning, tr("Close Without Saving?"),
                            tr("HelpBoard cannot save to the board file right now, so your last changes are not saved "
                               "yet. They are saved as soon as it can, if this window stays open."),
                            QMessageBox::NoButton, this);
            ask.setTextFormat(Qt::PlainText);
            QPushButton *keep = ask.addButton(tr("Keep Open"), QMessageBox::RejectRole);
            QPushButton *drop = ask.addButton(tr("Close Without Saving"), QMessageBox::DestructiveRole);
            ask.setDefaultButton(keep);
            ask.exec();
            if (ask.clickedButton() != drop) {
                event->ignore();
                return;
            }
            m_actions->stopWaitingForTheFile(); // they fail now, and the window closes when they have
            event->ignore();
            afterSaves(tr("Closing…"), false, [this] { close(); });
            return;
        }
        event->ignore();
        afterSaves(tr("Saving your last change before closing…"), true, [this] { close(); });
        return;
    }
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::openPath(const QString &path)
{
    m_openRetry->stop();
    storage::StoreOptions options = m_store ? m_store->options() : storage::StoreOptions(); // the same person
    options.openBusyTimeoutMs = s_readBusyTimeoutMs; // the window's thread never waits long: tried again below
    auto store = storage::BoardStore::open(path, options);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_opening != path) {
        m_opening = path;
        m_openingSince = now;
    }
    if (!store && store.error().kind == storage::ErrorKind::Busy && now - m_openingSince < s_openPatienceMs) {
        statusBar()->showMessage(
                tr("Opening %1: waiting for a colleague's save to finish…").arg(QFileInfo(path).fileName()));
        m_openRetry->start();
        return;
    }
    m_opening.clear();
    statusBar()->clearMessage();
    if (!store) {
        QMessageBox::warning(this, tr("Cannot open board"), store.error().message);
        return;
    }
    setStore(std::move(store).value());
}

void MainWindow::newBoard()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New board"), QFileInfo(m_store->path()).absolutePath(),
                                                      tr("HelpBoard boards (*.helpboard)"));
    if (path.isEmpty())
        return;
    const QString file = path.endsWith(QStringLiteral(".helpboard")) ? path : path + QStringLiteral(".helpboard");
    auto store = storage::BoardStore::create(file, QFileInfo(file).completeBaseName());
    if (!store) {
        QMessageBox::warning(this, tr("Cannot create board"), store.error().message);
        return;
    }
    setStore(std::move(store).value());
}

void MainWindow::saveCopy()
{
    const QString suggestion = QFileInfo(m_store->path()).completeBaseName() + QStringLiteral(" ")
                               + QDate::currentDate().toString(Qt::ISODate) + QStringLiteral(".helpboard");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save a copy"),
                                                      QFileInfo(m_store->path()).absoluteDir().filePath(suggestion),
                                                      tr("HelpBoard boards (*.helpboard)"));
    if (!path.isEmpty())
        saveCopyTo(path);
}

void MainWindow::saveCopyTo(const QString &path)
{
    // VACUUM INTO reads the whole file, and waits for colleagues' saves: on the maintenance thread.
    statusBar()->showMessage(tr("Saving a copy of the board to %1…").arg(path));
    m_maintenance->submit([path](storage::BoardStore &store) { return board::Saved(store.backupTo(path)); },
                          [this, path](const board::Saved &saved) {
                              if (!saved.status) {
                                  statusBar()->clearMessage();
                                  warn(tr("Copy not saved"), saved.status.error().message);
                              } else {
                                  statusBar()->showMessage(tr("Saved a copy of the board to %1").arg(path), 10000);
                              }
                              Q_EMIT copySaved(path, saved.status.ok());
                          });
}

void MainWindow::afterSaves(const QString &waiting, bool cancelOnFailure, std::function<void()> then)
{
    m_afterSaves = std::move(then);
    m_afterSavesText = waiting;
    m_cancelOnFailure = cancelOnFailure;
    m_savingLabel->setText(waiting);
}

void MainWindow::setStore(std::unique_ptr<storage::BoardStore> store)
{
    // What was typed on the last board is saved there, before the switch (the window stays usable meanwhile).
    if (m_details)
        m_details->commit();
    if (m_actions && m_actions->isSaving()) {
        auto next = std::make_shared<std::unique_ptr<storage::BoardStore>>(std::move(store));
        afterSaves(tr("Saving your last change before opening the other board…"), false,
                   [this, next] { setStore(std::move(*next)); });
        return;
    }
    m_afterSaves = {};
    m_afterSavesText.clear();
    m_savingLabel->clear();
    m_model->setClocks({}, true); // the last board's badges never show on this one's cards
    m_alerts->reset();
    m_alertButton->hide();
    m_alerted = 0;
    // Undo history belongs to one board; so do the list of its archived cards and the filter (its labels, its
    // search hits), which must not outlive the store it reads.
    m_poller.reset(); // what it read of the last board is not shown on this one
    m_savesCannotReach.clear();
    m_looksCannotReach.clear();
    delete m_archived;
    delete m_members;
    delete m_serviceLevels;
    delete m_escalationTargets;
    m_filterBar->setStore(nullptr);
    if (m_details)
        m_details->setBoard(nullptr, nullptr);
    m_undoStack->clear();
    delete m_actions;
    m_actions = nullptr;
    m_store = std::move(store);
    // The window's own reads never keep it waiting: a busy file is read again a moment later (saves, backups and
    // looks have connections of their own, with the patience the store was opened with).
    m_store->setBusyTimeout(s_readBusyTimeoutMs);
    m_readRetry->stop();
    m_readsBusy = false;
    m_boardRead = false;
    if (board::BoardActions::canEdit(*m_store)) {
        m_actions = new board::BoardActions(*m_store, *m_model, *m_undoStack, this);
        connect(m_actions, &board::BoardActions::failed, this, [this](const QString &message) {
            statusBar()->showMessage(message, 10000);
            // Says why, without blocking the board behind a modal loop; several at once share one box. Plain text:
            // messages carry names people typed (labels, files, templates).
            if (auto *shown = findChild<QMessageBox *>(QStringLiteral("notSavedMessage"));
                shown && shown->isVisible()) {
                shown->setText(shown->text() + QStringLiteral("\n\n") + message);
            } else {
                auto *box = new QMessageBox(QMessageBox::Warning, tr("Not saved"), message, QMessageBox::Ok, this);
                box->setObjectName(QStringLiteral("notSavedMessage"));
                box->setTextFormat(Qt::PlainText);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            }
            stopAfterSaves();
        });
        connect(m_actions, &board::BoardActions::conflicted, this, &MainWindow::showConflict);
        connect(m_actions, &board::BoardActions::reachableChanged, this, [this](bool reachable, const QString &why) {
            m_savesCannotReach = reachable ? QString() : why;
            showBanner();
        });
        connect(m_actions, &board::BoardActions::waitingChanged, this, [this](bool waiting) {
            m_savingLabel->setText(waiting ? tr("Saving… another user is saving") : m_afterSavesText);
        });
        connect(m_actions, &board::BoardActions::savingChanged, this, [this](bool saving) {
            // Queued: what comes next may delete the actions whose signal this is.
            if (!saving && m_afterSaves)
                QMetaObject::invokeMethod(this, std::exchange(m_afterSaves, {}), Qt::QueuedConnection);
        });
    }
    m_view->setActions(m_actions);
    m_newTicket->setEnabled(m_actions != nullptr);
    m_importArticles->setEnabled(m_actions != nullptr);
    m_importTrello->setEnabled(m_actions != nullptr);
    m_importCsv->setEnabled(m_actions != nullptr);
    if (m_details)
        m_details->setBoard(m_store.get(), m_actions);
    m_knowledge->setBoard(m_store.get(), m_actions);
    showBanner();
    // The last board's backup or check finishes first (its worker waits for it).
    m_maintenance = std::make_unique<board::StoreWorker>(m_store->path(), m_store->options());
    m_backups->start(m_maintenance.get());
    m_recent->remember(m_store->path());
    // Other people's changes from here on: the feed's end is read before the board, so nothing falls in between.
    const auto since = m_store->lastEventSeq();
    reload();
    storage::StoreOptions polling = m_store->options();
    polling.busyTimeoutMs = 2000; // a look that waits is tried again a second later; closing never waits long
    board::OwnSaves ownSaves;
    if (m_actions) {
        ownSaves.isSaving = [actions = QPointer(m_actions)](qint64 id) { return actions && actions->isSaving(id); };
        ownSaves.landed = [actions = QPointer(m_actions)](qint64 id) { return actions ? actions->savesLanded(id) : 0; };
    }
    m_poller = std::make_unique<board::BoardPoller>(m_store->path(), polling, since ? *since : -1, *m_model,
                                                    std::move(ownSaves));
    if (m_actions)
        connect(m_actions, &board::BoardActions::boardUnread, m_poller.get(), &board::BoardPoller::reloadAtNextLook);
    // Queued: a reload may open the board again (a changed role), which deletes this poller and its worker, whose
    // callback is what emits this signal.
    connect(m_poller.get(), &board::BoardPoller::reloadNeeded, this, &MainWindow::reload, Qt::QueuedConnection);
    connect(m_poller.get(), &board::BoardPoller::presenceChanged, this, &MainWindow::showPresence);
    connect(m_poller.get(), &board::BoardPoller::clocksRead, m_model, &board::BoardModel::setClocks);
    connect(m_poller.get(), &board::BoardPoller::clocksRead, this,
            [this](const QHash<qint64, board::sla::Clocks> &clocks, bool all) {
                m_alerts->clocksRead(clocks, all, [this](qint64 id, QString *title, bool *mine) {
                    const storage::Card *card = m_model->cardAt(m_model->cardIndex(id));
                    if (!card)
                        return false;
                    *title = card->title;
                    *mine = m_store && !card->assignee.isEmpty() && card->assignee == m_store->login();
                    return true;
                });
            });
    if (m_details) {
        connect(m_poller.get(), &board::BoardPoller::detailsRead, m_details, &board::CardEditor::showOthersDetails);
        connect(m_poller.get(), &board::BoardPoller::articlesChanged, m_details, &board::CardEditor::articlesChanged);
    }
    // A colleague's article, edit or link shows here too (read while the view is open).
    connect(m_poller.get(), &board::BoardPoller::articlesChanged, this, [this] {
        if (m_knowledgeDock->isVisible())
            m_knowledge->refresh();
    });
    connect(m_poller.get(), &board::BoardPoller::reachableChanged, this, [this](bool reachable, const QString &why) {
        m_looksCannotReach = reachable ? QString() : why;
        showBanner();
    });
    connect(m_poller.get(), &board::BoardPoller::lockRefused, this, [this] {
        showBanner(); // the store is read-only now, and says why
        updateStatus();
    });
    m_poller->setOpenCard(m_details && m_details->isVisible() ? m_details->cardId() : 0);
    showPresence();
    // The filters this user keeps for this board; the last one comes back.
    m_filterBar->setStore(m_store.get(), filterKey());
    // (read on a thread of its own, through a connection of its own: the window's is this thread's)
    m_dashboard->setReader([path = m_store->path(), options = m_store->options()](board::metrics::Dataset previous) {
        return board::metrics::updateDataset(path, options, std::move(previous));
    });
}

void MainWindow::warn(const QString &title, const QString &message)
{
    // Not modal: this may come from a background job's completion, which must not wait in a nested loop. Plain
    // text: messages carry file and board names.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::reportStep(const QUndoCommand *step, const QString &said)
{
    if (!step)
        return;
    const QList<qint64> ids = board::BoardActions::cardsOf(step);
    QString what = step->text();
    if (ids.size() == 1) {
        const QModelIndex card = m_model->cardIndex(ids.constFirst());
        if (card.isValid()) {
            what = tr("%1 on #%2 “%3”").arg(what).arg(ids.constFirst()).arg(card.data().toString());
            m_view->focusCardById(ids.constFirst());
        } else {
            what = tr("%1 on #%2").arg(what).arg(ids.constFirst());
        }
    } else if (ids.size() > 1) {
        what = tr("%1 on %n cards", nullptr, int(ids.size())).arg(what);
    }
    statusBar()->showMessage(said.arg(what), 8000);
}

void MainWindow::showShortcuts()
{
    // Generated from the menus, so it never lists a key the window does not have.
    auto *dialog = new board::ShortcutsDialog(
            board::ShortcutsDialog::menuKeys(menuBar()) + board::ShortcutsDialog::boardKeys(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showAbout()
{
    const auto engine = m_store->engineVersion();
    QMessageBox box(QMessageBox::NoIcon, tr("About HelpBoard"), {}, QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("aboutBox"));
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    box.setTextFormat(Qt::PlainText);
    box.setText(tr("HelpBoard %1").arg(QCoreApplication::applicationVersion()));
    box.setInformativeText(
            tr("A Kanban board for small IT help desks, kept in one file on a shared drive.\n\n"
               "Licence: GNU General Public License, version 3 or later.\n"
               "Qt %1 · SQLite %2 · board format %3")
                    .arg(QString::fromLatin1(qVersion()), engine ? *engine : tr("(unknown while the file is busy)"))
                    .arg(storage::BoardStore::formatVersion()));
    box.exec();
}

void MainWindow::showMembers()
{
    if (!m_members)
        m_members = new board::MembersDialog(*m_store, m_actions, this);
    m_members->reload();
    m_members->show();
    m_members->raise();
    m_members->activateWindow();
}

void MainWindow::showAlert(const QList<board::SlaAlerts::Ticket> &tickets)
{
    m_alerted = tickets.constFirst().cardId;
    const QString title = board::SlaAlerts::titleOf(tickets);
    const QString text = board::SlaAlerts::textOf(tickets);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon(), this);
            m_tray->setToolTip(windowTitle());
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, &MainWindow::revealAlerted);
            connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    revealAlerted();
            });
        }
        m_tray->show();
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
        // Freedesktop notification servers read the body as markup: titles are people's text, shown as typed.
        m_tray->showMessage(title, text.toHtmlEscaped(), QSystemTrayIcon::Warning, s_alertShownMs);
#else
        m_tray->showMessage(title, text, QSystemTrayIcon::Warning, s_alertShownMs);
#endif
    }
    // In the status bar too: the desktop's message goes, this stays a minute. A button's text is plain text, but an
    // ampersand in it would make a shortcut; five titles are cut to a width that leaves the bar its room.
    const QString line = tr("⚠ %1: %2").arg(title, QString(text).replace(u'\n', QStringLiteral("; ")));
    m_alertButton->setText(
            m_alertButton->fontMetrics().elidedText(line, Qt::ElideRight, 480).replace(u'&', QStringLiteral("&&")));
    m_alertButton->setToolTip(tr("Show the ticket"));
    m_alertButton->show();
    m_alertTimer->start();
}

void MainWindow::revealAlerted()
{
    m_alertButton->hide();
    if (!m_alerted || !m_model->cardIndex(m_alerted).isValid())
        return;
    showNormal();
    raise();
    activateWindow();
    m_view->filterModel()->keepShown(m_alerted); // in view even where the filter hides it
    m_view->focusCardById(m_alerted);
}

void MainWindow::showEscalationTargets()
{
    if (!m_escalationTargets)
        m_escalationTargets = new board::EscalationTargetsDialog(*m_store, m_actions, this);
    else if (!m_escalationTargets->isVisible())
        m_escalationTargets->reload();
    m_escalationTargets->show();
    m_escalationTargets->raise();
    m_escalationTargets->activateWindow();
}

void MainWindow::showServiceLevels()
{
    if (!m_serviceLevels)
        m_serviceLevels = new board::ServiceLevelsDialog(*m_store, m_actions, this);
    else if (!m_serviceLevels->isVisible())
        m_serviceLevels->reload(); // what was typed and cancelled is gone; a colleague's change shows
    m_serviceLevels->show();
    m_serviceLevels->raise();
    m_serviceLevels->activateWindow();
}

void MainWindow::stopAfterSaves()
{
    if (m_afterSaves && m_cancelOnFailure) {
        m_afterSaves = {};
        m_afterSavesText.clear();
        m_savingLabel->setText(tr("Not closed: your last change could not be saved"));
    }
}

void MainWindow::showConflict(const board::CardConflict &conflict)
{
    statusBar()->showMessage(tr("“%1” was changed by someone else too: choose what it keeps").arg(conflict.cardTitle),
                             10000);
    stopAfterSaves(); // the choice comes first
    // Window-modal, not an application loop: the board goes on showing colleagues' changes meanwhile.
    auto *dialog = new board::ConflictDialog(
            conflict,
            [model = QPointer<board::BoardModel>(m_model)](const QString &login) {
                return model ? model->memberName(login) : login;
            },
            this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog, path = m_store->path()] {
        const std::optional<storage::CardPatch> mine = dialog->resolution();
        if (!mine)
            return;
        // The board may have been opened again meanwhile (a role changed): the same file takes the choice.
        board::BoardActions *actions = m_store->path() == path ? m_actions : nullptr;
        if (!actions) {
            warn(tr("Not saved"), tr("“%1” was not changed: the board was closed, or can no longer be changed here.")
                                          .arg(dialog->conflict().cardTitle));
            return;
        }
        if (!m_model->cardIndex(dialog->conflict().cardId).isValid()) {
            warn(tr("Not saved"), tr("“%1” is no longer on the board (archived or deleted meanwhile); your change was "
                                     "not saved.")
                                          .arg(dialog->conflict().cardTitle));
            return;
        }
        // Theirs is what this choice replaces: if it changed yet again meanwhile, the choice comes back.
        if (!actions->editCard(dialog->conflict().cardId, *mine, tr("Resolve Conflict"), dialog->conflict().theirs)) {
            board::CardConflict again = dialog->conflict();
            again.mine = *mine; // refused at once (too long, emptied): what was typed is offered again
            showConflict(again);
        }
    });
    dialog->open();
}

void MainWindow::showPresence()
{
    constexpr qsizetype s_namesShown = 3;
    QStringList names;
    QStringList details;
    QStringList onThisCard;
    const qint64 openCard = m_details && m_details->isVisible() ? m_details->cardId() : 0;
    for (const storage::Presence &present : m_poller ? m_poller->others() : QList<storage::Presence>()) {
        const QString name =
                present.login == m_store->login() ? tr("you, in another window") : m_model->memberName(present.login);
        if (!names.contains(name))
            names << name;
        const storage::Card *card = present.cardId ? m_model->cardAt(m_model->cardIndex(present.cardId)) : nullptr;
        details << (card ? tr("%1, on “%2”").arg(name, card->title) : name);
        if (openCard && present.cardId == openCard && !onThisCard.contains(name))
            onThisCard << name;
    }
    QString text;
    if (names.size() > s_namesShown)
        text = tr("Also here: %1 and %n more", nullptr, int(names.size() - s_namesShown))
                       .arg(names.mid(0, s_namesShown).join(QStringLiteral(", ")));
    else if (!names.isEmpty())
        text = tr("Also here: %1").arg(names.join(QStringLiteral(", ")));
    m_presenceLabel->setText(text);
    m_presenceLabel->setToolTip(details.join(QLatin1Char('\n')));
    if (m_details)
        m_details->setAlsoOpenBy(onThisCard);
}

void MainWindow::showBanner()
{
    const QString file = QFileInfo(m_store->path()).fileName();
    QString text;
    if (!m_savesCannotReach.isEmpty()) {
        text = tr("HelpBoard cannot save to %1 (%2). Your changes are kept on the board and saved as soon as the file "
                  "can be written again.")
                       .arg(file, m_savesCannotReach);
    } else if (!m_looksCannotReach.isEmpty()) {
        text = tr("HelpBoard cannot reach %1 (%2). The board stays as it was until the file is back.")
                       .arg(file, m_looksCannotReach);
    } else if (m_readsBusy) {
        text = tr("The board file is busy; showing what was last read, retrying…");
    } else if (m_store->isReadOnly())
        text = tr("This board is read-only: %1.").arg(m_store->readOnlyReason());
    else if (m_store->role() == storage::Role::Viewer)
        text = tr("You are a viewer of %1: you can look at everything but not change it. An admin of the board can "
                  "make you an editor.")
                       .arg(file);
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

void MainWindow::showArchived()
{
    if (!m_archived)
        m_archived = new board::ArchivedDialog(*m_store, m_actions, this);
    m_archived->show();
    m_archived->raise();
    m_archived->activateWindow();
}

QString MainWindow::filterKey() const
{
    // Per board and per user (settings are the user's own).
    return QStringLiteral("filters/")
           + QString::fromLatin1(QCryptographicHash::hash(QFileInfo(m_store->path()).absoluteFilePath().toUtf8(),
                                                          QCryptographicHash::Sha1)
                                         .toHex());
}

board::CardFilter::Context MainWindow::filterContext() const
{
    return {QDateTime::currentMSecsSinceEpoch(), m_store ? m_store->login() : QString()};
}

void MainWindow::applyFilter()
{
    m_view->filterModel()->setFilter(m_filterBar->filter(), filterContext());
    m_dashboard->setFilter(m_filterBar->filter(), filterContext(), m_filterBar->describe(false));
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_poller.reset();
    delete m_archived;
    delete m_members;
    delete m_serviceLevels;
    delete m_escalationTargets;
    if (m_details)
        m_details->setBoard(nullptr, nullptr);
    // Commands and actions refer to the model and the store: they go first, whatever order Qt would pick.
    m_undoStack->clear();
    delete m_actions;
    m_actions = nullptr;
}

void MainWindow::reload()
{
    m_readRetry->stop();
    if (auto loaded = m_model->load(*m_store); !loaded) {
        const storage::ErrorKind kind = loaded.error().kind;
        if (kind == storage::ErrorKind::Busy) {
            // A colleague is saving: what was read last stays on screen (never another board's), and the board is
            // read again in a moment.
            if (!m_boardRead) {
                m_model->setBoard({}, {});
                updateStatus();
            }
            m_readsBusy = true;
            showBanner();
            m_readRetry->start();
            return;
        }
        if (m_poller && (kind == storage::ErrorKind::Io || kind == storage::ErrorKind::Busy)) {
            // Not readable now: the board stays as it was, and is read again when the file answers.
            statusBar()->showMessage(tr("The board could not be read again: %1").arg(loaded.error().message), 10000);
            m_poller->reloadAtNextLook();
            return;
        }
        // Never leave another board's cards on screen, wired to this file's store by id.
        m_model->setBoard({}, {});
        updateStatus();
        warn(tr("HelpBoard"), loaded.error().message);
        return;
    }
    m_boardRead = true;
    if (std::exchange(m_readsBusy, false))
        showBanner();
    const auto name = m_store->boardName();
    // Sample tickets and people are never taken for the team's board.
    m_demo = m_store->isDemo();
    setWindowTitle(m_demo ? tr("DEMO: %1 — HelpBoard").arg(name ? *name : QString())
                          : tr("%1 — HelpBoard").arg(name ? *name : QString()));
    updateStatus();
    // An admin made this user a viewer, or an editor again: the board is opened again with what they may do now
    // (after the saves still on their way, which the file takes or refuses by the role it holds).
    const bool couldEdit = m_actions != nullptr;
    if (m_store->refreshRole() && board::BoardActions::canEdit(*m_store) != couldEdit) {
        if (auto again = storage::BoardStore::open(m_store->path(), m_store->options()))
            setStore(std::move(again).value());
    }
}

void MainWindow::updateStatus()
{
    if (!m_store)
        return; // between two boards
    const int cards = m_model->cardCount();
    const int overdue = m_model->overdueCount(QDateTime::currentMSecsSinceEpoch());
    const int shown = m_view->shownCardCount();
    QString status =
            (m_demo ? tr("DEMO board, sample data  ·  ") : QString())
            + (cards == 1 ? tr("%1 of 1 card shown").arg(shown) : tr("%1 of %2 cards shown").arg(shown).arg(cards))
            + (overdue ? tr("  ·  %1 overdue").arg(overdue) : QString())
            + tr("  ·  %1 (%2)  ·  %3")
                      .arg(m_store->login(), storage::toText(m_store->role()),
                           QFileInfo(m_store->path()).absoluteFilePath());
    // The reason can be long (a share's mount options, a colleague's desktop): the strip above says it in full.
    if (m_store->isReadOnly())
        status += tr("  ·  read-only");
    m_statusLabel->setText(status);
    // Escaped inside a paragraph: a tooltip would otherwise take text that looks like HTML (a login) as markup.
    m_statusLabel->setToolTip(m_store->isReadOnly()
                                      ? QStringLiteral("<p>%1</p>").arg(m_store->readOnlyReason().toHtmlEscaped())
                                      : QString());
    m_filterBar->setShownCount(shown);
}

board::CardEditor *MainWindow::editor()
{
    if (m_details)
        return m_details;
    // Made when the first card is opened: a window that starts shows its board sooner.
    m_details = new board::CardEditor(*m_model, m_splitter);
    m_details->hide();
    m_splitter->addWidget(m_details);
    if (m_store)
        m_details->setBoard(m_store.get(), m_actions);
    if (m_poller) {
        connect(m_poller.get(), &board::BoardPoller::detailsRead, m_details, &board::CardEditor::showOthersDetails);
        connect(m_poller.get(), &board::BoardPoller::articlesChanged, m_details, &board::CardEditor::articlesChanged);
    }
    connect(m_details, &board::CardEditor::openArticle, this, &MainWindow::showArticle);
    connect(m_details, &board::CardEditor::writeArticle, this, &MainWindow::writeArticle);
    connect(m_details, &board::CardEditor::closed, this, [this] {
        m_view->focusCardById(m_details->cardId());
        if (m_poller)
            m_poller->setOpenCard(0);
        showPresence();
    });
    return m_details;
}

void MainWindow::showCard(qint64 id)
{
    board::CardEditor *details = editor();
    const bool opening = details->isHidden();
    details->showCard(id);
    if (m_poller)
        m_poller->setOpenCard(id);
    showPresence();
    // Opened at the width it had last time, or at about a quarter of the window.
    if (opening && !m_splitter->restoreState(QSettings().value(QStringLiteral("window/splitter")).toByteArray())) {
        const int panel = std::clamp(m_splitter->width() / 4, 360, 520);
        m_splitter->setSizes({m_splitter->width() - panel, panel});
    }
    details->setFocus(Qt::OtherFocusReason); // the cursor in the title, its text not selected
}

void MainWindow::openBoard()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open board"), QFileInfo(m_store->path()).absolutePath(),
                                                      tr("HelpBoard boards (*.helpboard);;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

} // namespace hb::app
