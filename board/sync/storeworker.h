// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "saved.h"

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
    /// How long a save that cannot reach the file waits before it runs again: from @p firstMs, doubling, up to
    /// @p maxMs (1 s and 5 s unless set). Tests shorten them, and wait for triedAgain() instead of a fixed time.
    void setRetryDelays(int firstMs, int maxMs)
    {
        m_firstRetryMs = firstMs;
        m_maxRetryMs = maxMs;
    }

Q_SIGNALS:
    void savingChanged(bool saving);
    /// A save is waiting for another user's save to finish (true), or has stopped waiting (false).
    void waitingChanged(bool waiting);
    /// The file could not be reached by a save (false, and @p why), which waits and tries again; or it could
    /// again (true).
    void reachableChanged(bool reachable, const QString &why);
    /// A save that could not reach the file (or found it kept busy) runs again: its @p attempt th run.
    void triedAgain(int attempt);

private:
    class Runner;

    QThread m_thread;
    Runner *m_runner;
    int m_pending = 0;
    std::atomic_bool m_stopRetrying = false;
    std::atomic_int m_firstRetryMs = 1000;
    std::atomic_int m_maxRetryMs = 5000;
    const WhenBusy m_whenBusy;
};

} // namespace hb::board
