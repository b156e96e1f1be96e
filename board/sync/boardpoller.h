// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storeworker.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace hb::board {

/// What the poller asks of this window's own saves (BoardActions), so that it never shows a card older than they
/// made it. app/ hands it over; empty for a board that cannot be changed here.
struct OwnSaves
{
    std::function<bool(qint64 cardId)> isSaving; ///< a save of the card is on its way
    std::function<int(qint64 cardId)> landed;    ///< how many saves of the card have landed so far
};
class BoardModel;

/**
 * Shows other people's changes as they are saved. About once a second it asks the file, on a thread and connection
 * of its own, whether anyone committed since (PRAGMA data_version); when someone did, it reads the change feed
 * (events) from where it left off, reads the cards those events name, and puts them on the board: new, moved,
 * changed or gone. Cards this window is still saving keep showing its own change. Column changes load the whole
 * board again (reloadNeeded()), as does a board the window could not read again after a save (reloadAtNextLook(),
 * which app/ connects to BoardActions::boardUnread()); label changes read the labels.
 *
 * It also tells the file, every few seconds, that this window has the board open and which card it has open
 * (a heartbeat in the presence table), and reads who else does (presenceChanged()).
 */
class BoardPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardPoller)

public:
    /// Follows @p path from change feed entry @p sinceSeq on (read before the board was loaded; -1 when that read
    /// failed: then from the first look on). @p ownSaves: the window's own saves, if it makes any.
    BoardPoller(const QString &path, const storage::StoreOptions &options, qint64 sinceSeq, BoardModel &model,
                OwnSaves ownSaves = {}, QObject *parent = nullptr);
    ~BoardPoller() override;

    void setInterval(int msecs) { m_timer.setInterval(msecs); }
    /// Looks at the file now (when a look is not under way already).
    void poll();

    /// Has the whole board loaded again (reloadNeeded()) at the next look that reaches the file.
    void reloadAtNextLook() { m_reloadWanted = true; }
    /// The card open in this window's editor (0: none), told to the others with the next look.
    void setOpenCard(qint64 id) { m_openCard = id; }
    /// The other windows that have the board open, as last read (this one's own session left out).
    const QList<storage::Presence> &others() const { return m_others; }

Q_SIGNALS:
    /// Someone added, removed, moved or renamed columns: load the whole board again.
    void reloadNeeded();
    /// Cards other people changed, now shown as the file has them.
    void cardsChanged(const QList<qint64> &ids);
    /// Card @p cardId, open here (setOpenCard()), changed in the file: its checklist, comments and attachments as
    /// the file has them now (never older than what this window's own saves of it showed).
    void detailsRead(qint64 cardId, const QList<storage::ChecklistItem> &checklist,
                     const QList<storage::Comment> &comments, const QList<storage::Attachment> &attachments);
    /// Someone changed the knowledge base (an article, a card's link to one, a label articles show): read it again.
    void articlesChanged();
    /// Someone opened or closed the board, or a card, elsewhere: see others().
    void presenceChanged();
    /// Cards' service-level clocks as the file has them now: every card's when @p all (about once a minute, and when
    /// the service levels or the columns changed; none when the levels cannot be used), else those of cards that
    /// changed.
    void clocksRead(const QHash<qint64, sla::Clocks> &clocks, bool all);
    /// Looks cannot reach the file (false, and @p why: they wait and try again), or can again (true).
    void reachableChanged(bool reachable, const QString &why);
    /// The share was found not to pass file locks between desktops, or this computer reads an old copy of the
    /// board: the board is now read-only in this whole process, for @p why (storage::LockProbe).
    void lockRefused(const QString &why);
    /// A look at the file ended, after all it found was said: @p reached false when it could not read the file.
    /// What a test that checks "nothing changed" waits for, instead of a fixed time.
    void looked(bool reached);

private:
    struct State;

    void apply(const Saved &saved);

    BoardModel &m_model;
    OwnSaves m_own;
    std::shared_ptr<State> m_state;
    StoreWorker m_worker;
    QTimer m_timer;
    bool m_looking = false;
    bool m_fileLost = false;     ///< the last look could not reach the file
    bool m_reloadWanted = false; ///< the board could not be read after a save: load it at the next look that can
    QString m_session;           ///< this window, in the presence table
    QString m_path;
    QString m_lockRefusal; ///< as last told (lockRefused())
    qint64 m_openCard = 0;
    qint64 m_lookCard = 0; ///< the open card when the look under way began
    int m_lookLanded = 0;  ///< how many of this window's saves of it had landed then
    QList<storage::Presence> m_others;
    struct Heard
    {
        qint64 seenAt = 0; ///< the heartbeat, by its writer's clock
        qint64 at = 0;     ///< when this window saw it change, by its own
    };
    QHash<QString, Heard> m_heard; ///< per session
};

} // namespace hb::board
