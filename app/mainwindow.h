// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/model/slaalerts.h>
#include <board/rules/cardfilter.h>

#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

namespace hb::storage {
class BoardStore;
struct Article;
} // namespace hb::storage
namespace hb::board {
class ArchivedDialog;
struct CardConflict;
class MembersDialog;
class ServiceLevelsDialog;
class EscalationTargetsDialog;
class StoreWorker;
class FilterBar;
class BoardActions;
class BoardPoller;
class BoardModel;
class BoardView;
class CardEditor;
class Dashboard;
class KnowledgeView;
} // namespace hb::board

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSplitter;
class QSystemTrayIcon;
class QTimer;
class QToolButton;
class QUndoCommand;
class QUndoStack;

namespace hb::app {

class ImportDialog;

class Backups;
class RecentBoards;

/// The main window: composes the board view, menus and status bar; owns no business rules.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(std::unique_ptr<storage::BoardStore> store, QWidget *parent = nullptr);
    ~MainWindow() override;

    board::BoardModel *model() const { return m_model; }
    /// What people do to the board; null when it is read-only to them.
    board::BoardActions *actions() const { return m_actions; }
    board::BoardPoller *poller() const { return m_poller.get(); }
    /// File > Save a Copy without the file dialog: made in the background, then copySaved().
    void saveCopyTo(const QString &path);
    /// File > Import: the dialog for the file at @p path (a Trello export, or a CSV of tickets), opened beside the
    /// board.
    ImportDialog *importFrom(bool trello, const QString &path);
    /// File > Export: the board to @p path, in the background (CSV: a line per card; else HelpBoard's JSON).
    void exportTo(const QString &path, bool csv);
    /// How long a read on the window's thread waits for another user's save before it is tried again later.
    static constexpr int s_readBusyTimeoutMs = 100;
    /// When a read that found the file busy is tried again.
    static constexpr int s_readRetryMs = 1000;
    /// How long File > Open (and Open Recent) keeps trying a board that colleagues' saves keep busy.
    static constexpr int s_openPatienceMs = 30'000;
    /// Opens the board at @p path in this window (File > Open): tried again in a moment while the file is busy,
    /// never waited for on the window's thread.
    void openPath(const QString &path);
    /// The board's daily and asked-for copies (its first delay, 30 s, is after the first paint and clicks).
    Backups *backups() const { return m_backups; }
    QUndoStack *undoStack() const { return m_undoStack; }

Q_SIGNALS:
    /// Save a Copy finished: @p saved says whether the copy at @p path was made (a failure is said in a box).
    void copySaved(const QString &path, bool saved);
    /// File > Export finished (exportTo()): written to @p path, or not.
    void exported(const QString &path, bool written);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void reload();
    void openBoard();
    void newBoard();
    void saveCopy();
    void updateStatus();
    /// The card editor beside the board, made the first time it is needed.
    board::CardEditor *editor();
    void showCard(qint64 id);
    void applyFilter();
    void showArchived();
    void showMembers();
    void showServiceLevels();
    void showEscalationTargets();
    /// Tickets just at risk or breached: a desktop notification, and a button in the status bar.
    void showAlert(const QList<board::SlaAlerts::Ticket> &tickets);
    /// Brings the ticket of the last alert into view, selected.
    void revealAlerted();
    /// Help > Keyboard Shortcuts: every menu entry that has a key, and the board's own keys.
    void showShortcuts();
    void showAbout();
    /// Says in the status bar what undo or redo did (@p said: "Undone: %1") and to which card, and shows it.
    void reportStep(const QUndoCommand *step, const QString &said);
    /// Someone else changed what this user changed: both side by side, and the user chooses what the card keeps.
    void showConflict(const board::CardConflict &conflict);
    /// Who else has the board open (the status bar) and the open card (the card editor).
    void showPresence();
    /// A failed save (or a conflict) stops the close or switch that waited for the saves.
    void stopAfterSaves();
    /// A warning that does not block the window.
    void warn(const QString &title, const QString &message);
    /// Says above the board why it cannot be changed here (a read-only file, or a viewer), or hides.
    void showBanner();
    /// File > Back Up Now.
    void backUpNow();
    /// File > Check Board: SQLite's integrity check and HelpBoard's own, in the background.
    void checkBoard();
    /// View > Dashboard: the metrics beside the board (mainwindow_dashboard.cpp); its action, for the menu.
    QAction *setUpDashboard();
    // mainwindow_knowledge.cpp
    QAction *setUpKnowledge();
    void showArticle(qint64 articleId);
    void writeArticle(const storage::Article &draft);
    void importArticles();
    // mainwindow_import.cpp: File > Import and File > Export.
    void importTrello();
    void importCsv();
    void exportCsv();
    void exportJson();
    /// Shows on the board exactly the tickets behind a number of the dashboard, and says so.
    void showDrillDown(const QSet<qint64> &ids, const QString &name, int archived);
    QString filterKey() const;
    board::CardFilter::Context filterContext() const;

    void setStore(std::unique_ptr<storage::BoardStore> store);
    /// Runs @p then once every save has landed, saying @p waiting in the status bar meanwhile; a failed save
    /// cancels it when @p cancelOnFailure.
    void afterSaves(const QString &waiting, bool cancelOnFailure, std::function<void()> then);

    std::unique_ptr<storage::BoardStore> m_store;
    board::BoardModel *m_model;
    board::BoardView *m_view;
    QUndoStack *m_undoStack;
    QAction *m_newTicket = nullptr;
    QAction *m_importArticles = nullptr;
    QAction *m_importTrello = nullptr;
    QAction *m_importCsv = nullptr;
    QSplitter *m_splitter;
    board::FilterBar *m_filterBar;
    QPointer<board::ArchivedDialog> m_archived;
    QPointer<board::MembersDialog> m_members;
    QPointer<board::ServiceLevelsDialog> m_serviceLevels;
    QPointer<board::EscalationTargetsDialog> m_escalationTargets;
    board::Dashboard *m_dashboard = nullptr;
    QDockWidget *m_dashboardDock = nullptr;
    board::KnowledgeView *m_knowledge = nullptr;
    QDockWidget *m_knowledgeDock = nullptr;
    board::SlaAlerts *m_alerts = nullptr;
    QToolButton *m_alertButton = nullptr;
    QTimer *m_alertTimer = nullptr;
    QSystemTrayIcon *m_tray = nullptr; ///< made at the first alert, where the desktop has a tray
    qint64 m_alerted = 0;              ///< the card the last alert is about
    static constexpr int s_alertShownMs = 60'000;
    board::CardEditor *m_details = nullptr; ///< made by editor(), when a card is first opened
    QLabel *m_banner;
    QLabel *m_presenceLabel;
    QString m_savesCannotReach; ///< why saves wait for the file to come back; empty when they do not
    QString m_looksCannotReach; ///< likewise for the poller's looks
    bool m_demo = false;        ///< the board is a demo (sample tickets and people)
    bool m_readsBusy = false;   ///< the board could not be read again (the file busy): it is tried again soon
    bool m_boardRead = false;   ///< the board on screen was read from this store
    QTimer *m_readRetry;
    QTimer *m_openRetry;
    QString m_opening;         ///< the board File > Open is trying again, while the file is busy
    qint64 m_openingSince = 0; ///< since when (ms since the epoch)
    QLabel *m_statusLabel;
    QTimer *m_statusTimer = nullptr;
    QLabel *m_savingLabel;
    RecentBoards *m_recent;
    board::BoardActions *m_actions = nullptr;
    /// Backups and checks, on a thread and connection of their own: they read the whole file.
    std::unique_ptr<board::StoreWorker> m_maintenance;
    /// Other people's changes, about once a second.
    std::unique_ptr<board::BoardPoller> m_poller;
    Backups *m_backups;
    std::function<void()> m_afterSaves;
    QString m_afterSavesText;
    bool m_cancelOnFailure = false;
};

} // namespace hb::app
