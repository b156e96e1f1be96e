// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cardfields.h"

#include <storage/boardstore.h>
#include <storage/records.h>
#include <storage/result.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QThread>
#include <QVariant>

#include <atomic>
#include <functional>
#include <optional>

namespace hb::board {

/// What a save hands back to the window: how it went, and what it touched as the file holds it afterwards.
struct Saved
{
    Saved() = default;
    Saved(storage::Status outcome)
        : status(std::move(outcome))
    { }

    storage::Status status;
    qint64 newId = 0;               ///< the card or column a save created
    QList<storage::Card> cards;     ///< read after the save, whether it worked or not: shown as they are
    QList<qint64> removed;          ///< cards read back that are no longer in the file at all
    QList<storage::Column> columns; ///< likewise, for renamed or re-limited columns
    qint64 detailsCard = 0;         ///< the card whose checklist, comments and attachments were read back
    QList<storage::ChecklistItem> checklist;
    QList<storage::Comment> comments;
    QList<storage::Attachment> attachments;
    QVariant result;                                 ///< what a read job hands back (a thumbnail)
    std::optional<CardConflict> conflict;            ///< a card edit met someone else's change: the choice to offer
    QHash<qint64, QString> changedBy;                ///< read by the poller: who else made each card's latest change
    std::optional<QList<storage::Presence>> present; ///< read by the poller: the windows that have the board open
    /// Called on the worker's thread when this failure is final (not run again once the file is back).
    std::function<void()> onFailed;
    bool labelsRead = false; ///< labels holds the board's labels, read after the save
    QList<storage::Label> labels;
    bool reloadBoard = false; ///< columns were added, removed or reordered, or nothing could be read back:
                              ///< load the whole board again
    bool partlySaved = false; ///< failed in part, but what it did save stands (and can be undone)

    /// Reads cards @p ids back into cards (after the save, on the store's thread).
    void readCards(storage::BoardStore &store, const QList<qint64> &ids);
    /// Reads the board's labels back.
    void readLabels(storage::BoardStore &store);
    /// Reads card @p cardId back, with its checklist, comments and attachments (@p withCard false: only those).
    void readDetails(storage::BoardStore &store, qint64 cardId, bool withCard = true);
};

/**
 * Saves on a thread of its own, through a BoardStore connection of its own, so a busy share (a colleague saving,
 * a slow link) never freezes the window. Saves run one at a time, in the order they were submitted; each one's
 * completion is delivered on the thread that owns the worker, in the same order. Nothing submitted is dropped:
 * destroying the worker first finishes every queued save. A save that cannot reach the file (the share gone, the
 * file moved away), or finds it kept busy by others for longer than the store waits, waits and runs again until it
 * can (reachableChanged()), unless stopRetrying() was called: then it fails at once, as do the saves queued behind
 * it.
 */
class StoreWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWorker)

public:
    /// Runs on the worker's thread; it must copy in everything it uses and touch nothing of the window's.
    using Job = std::function<Saved(storage::BoardStore &store)>;
    using Done = std::function<void(const Saved &saved)>;

    /// Opens @p path again with @p options (on its thread, with the first save).
    /// What a job that found the file busy for all of the store's patience does.
    enum class WhenBusy {
        Fail,       ///< fails (looks at the file, backups, reading an attachment: the user may ask again)
        WaitLonger, ///< runs again, like one that cannot reach the file (the board's saves: nothing is dropped)
    };

    StoreWorker(const QString &path, const storage::StoreOptions &options, WhenBusy whenBusy = WhenBusy::Fail,
                QObject *parent = nullptr);
    ~StoreWorker() override;

    void submit(Job job, Done done);
    /// Saves waiting for the file to come back give up (and report) instead: the user chose to close without them.
    void stopRetrying() { m_stopRetrying = true; }
    /// Saves submitted and not yet completed.
    int pending() const { return m_pending; }

Q_SIGNALS:
    void savingChanged(bool saving);
    /// A save is waiting for another user's save to finish (true), or has stopped waiting (false).
    void waitingChanged(bool waiting);
    /// The file could not be reached by a save (false, and @p why), which waits and tries again; or it could
    /// again (true).
    void reachableChanged(bool reachable, const QString &why);

private:
    class Runner;

    QThread m_thread;
    Runner *m_runner;
    int m_pending = 0;
    std::atomic_bool m_stopRetrying = false;
    const WhenBusy m_whenBusy;
};

} // namespace hb::board
