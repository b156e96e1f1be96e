// SPDX-License-Identifier: GPL-3.0-or-later
#include "storeworker.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <memory>

namespace hb::board {

/// Lives on the worker's thread and owns the connection there: QtSql connections belong to one thread.
class StoreWorker::Runner final : public QObject
{
public:
    Runner(StoreWorker &worker, const QString &path, const storage::StoreOptions &options)
        : m_worker(worker)
        , m_path(path)
        , m_options(options)
    { }

    /**
     * Runs @p job; while the file cannot be reached (the share gone, the file moved away), runs it again every few
     * seconds on a fresh connection, until it can, or until the worker is told to stop retrying. A job that found
     * the file kept busy by others runs again likewise (on the same connection) when the worker waits longer.
     */
    Saved run(const Job &job)
    {
        for (int attempt = 0;; ++attempt) {
            const int commitsBefore = m_store ? m_store->commitCount() : 0;
            const int unknownBefore = m_store ? m_store->unknownOutcomeCount() : 0;
            if (m_store)
                m_store->forgetLastFailure(); // only this attempt's failure counts
            Saved saved = runOnce(job);
            const Retry retry = m_worker.m_stopRetrying ? Retry::No : retryOf(saved, commitsBefore, unknownBefore);
            if (retry == Retry::No) {
                if (!saved.status && saved.onFailed)
                    saved.onFailed();
                // A connection that found the file read-only is not kept: the file may be writable again later.
                // Nor one that met an I/O error: SQLite may take a lock it failed to release for one still held,
                // and write without taking it again, when the file system may have dropped it (a share gone).
                if (!saved.status && m_store && (m_store->isReadOnly() || m_store->lastFailureCause() == Cause::Io))
                    m_store.reset();
                if (m_lost && !m_worker.m_stopRetrying) {
                    m_lost = false;
                    tellReachable(true, {});
                }
                return saved;
            }
            // Said again when the reason changes (the write refused, then the file not found at all).
            if (!m_lost || m_lostWhy != saved.status.error().message) {
                m_lost = true;
                m_lostWhy = saved.status.error().message;
                tellReachable(false, m_lostWhy);
            }
            // The next try opens the file again (it may be back as a new file), unless it was only busy.
            if (saved.status.error().kind != storage::ErrorKind::Busy)
                m_store.reset();
            const QDeadlineTimer wait(
                    std::min(m_worker.m_firstRetryMs << std::min(attempt, 3), int(m_worker.m_maxRetryMs)));
            while (!wait.hasExpired() && !m_worker.m_stopRetrying)
                QThread::msleep(std::min<qint64>(50, std::max<qint64>(1, wait.remainingTime())));
            tell([attempt](StoreWorker *worker) { Q_EMIT worker->triedAgain(attempt + 2); });
        }
    }

    /// The connection is closed on the thread that opened it.
    void close() { m_store.reset(); }

private:
    enum class Retry { No, Later };
    using Cause = storage::FailureCause;

    /**
     * Whether @p saved failed only because the file could not be reached, with nothing of it in the file: then it
     * runs again later. A change that may have landed, or a job of several changes some of which did, is not run
     * again blindly: it is reported, and the board read again.
     */
    Retry retryOf(Saved &saved, int commitsBefore, int unknownBefore) const
    {
        if (saved.status)
            return Retry::No;
        const storage::ErrorKind kind = saved.status.error().kind;
        const bool waitLonger = m_worker.m_whenBusy == StoreWorker::WhenBusy::WaitLonger;
        if (!m_store) { // could not even be opened: not there (moved away, share gone), kept busy, or failing
            return kind == storage::ErrorKind::Io || kind == storage::ErrorKind::NotFound
                                   || (kind == storage::ErrorKind::Busy && waitLonger)
                           ? Retry::Later
                           : Retry::No;
        }
        const bool keptBusy =
                kind == storage::ErrorKind::Busy && waitLonger && m_store->lastFailureCause() == Cause::Busy;
        if (!keptBusy && kind != storage::ErrorKind::Io && kind != storage::ErrorKind::ReadOnly)
            return Retry::No; // a conflict, a refusal, bad input: the file answered
        // Said in the user's terms, with what the store said inside.
        const auto say = [&saved](storage::ErrorKind as, const QString &text) {
            saved.status = storage::Error{as, text.arg(saved.status.error().message)};
        };
        if (m_store->unknownOutcomeCount() > unknownBefore) {
            say(storage::ErrorKind::Io,
                StoreWorker::tr("HelpBoard could not tell whether this change reached the board file before it went "
                                "away (%1); look at the board once it is back"));
            saved.reloadBoard = true;
            return Retry::No;
        }
        if (m_store->commitCount() > commitsBefore) {
            if (keptBusy) {
                say(storage::ErrorKind::Busy,
                    StoreWorker::tr("part of this change was saved before other users kept the file busy (%1); the "
                                    "board is read again"));
            }
            saved.reloadBoard = true;
            return Retry::No;
        }
        if (keptBusy) {
            // Other users kept the file busy for all of the store's patience: nothing of the change was written
            // (a busy commit is rolled back), so it is kept and tried again, and the user is told meanwhile.
            saved.status = storage::Error{storage::ErrorKind::Busy,
                                          StoreWorker::tr("other users have kept it busy for %n s", nullptr,
                                                          std::max(1, m_options.busyTimeoutMs / 1000))};
            return Retry::Later;
        }
        switch (m_store->lastFailureCause()) {
        case Cause::Io:
        case Cause::Gone:
            return Retry::Later;
        case Cause::ReadOnly:
            // A file that opened writable and can no longer be written was moved or deleted, or its share went
            // read-only under us; one found read-only on coming back is waited for too.
            return !m_store->isReadOnly() || m_lost ? Retry::Later : Retry::No;
        default:
            return m_store->isReadOnly() && m_lost ? Retry::Later : Retry::No;
        }
    }

    Saved runOnce(const Job &job)
    {
        if (!m_store && m_lost && m_worker.m_stopRetrying) // given up: not waiting on a dead share to say so
            return Saved(storage::Error{storage::ErrorKind::Io, m_lostWhy});
        if (!m_store) {
            auto opened = storage::BoardStore::open(m_path, m_options);
            if (!opened) {
                // Nothing was saved, nor read back: the window shows the file as its own connection finds it.
                Saved failed{opened.error()};
                failed.reloadBoard = true;
                return failed;
            }
            m_store = std::move(opened).value();
            m_store->setGiveUp([this] { return m_worker.m_stopRetrying.load(); }); // the user stopped waiting
            m_store->setWaitObserver([this] {
                if (!m_waiting) {
                    m_waiting = true;
                    tellWaiting(true);
                }
            });
        }
        Saved saved = job(*m_store);
        if (m_waiting) {
            m_waiting = false;
            tellWaiting(false);
        }
        return saved;
    }

    /// Runs @p say (which emits one of the worker's signals) on the worker's owner's thread, queued so that it
    /// arrives in order with the completions.
    template<typename Say>
    void tell(Say say)
    {
        QMetaObject::invokeMethod(
                &m_worker, [worker = &m_worker, say] { say(worker); }, Qt::QueuedConnection);
    }

    void tellReachable(bool reachable, const QString &why)
    {
        tell([reachable, why](StoreWorker *worker) { Q_EMIT worker->reachableChanged(reachable, why); });
    }

    void tellWaiting(bool waiting)
    {
        tell([waiting](StoreWorker *worker) { Q_EMIT worker->waitingChanged(waiting); });
    }

    StoreWorker &m_worker;
    QString m_path;
    storage::StoreOptions m_options;
    std::unique_ptr<storage::BoardStore> m_store;
    bool m_waiting = false;
    bool m_lost = false; ///< the last try could not reach the file
    QString m_lostWhy;
};

StoreWorker::StoreWorker(const QString &path, const storage::StoreOptions &options, WhenBusy whenBusy, QObject *parent)
    : QObject(parent)
    , m_runner(new Runner(*this, path, options))
    , m_whenBusy(whenBusy)
{
    m_thread.setObjectName(QStringLiteral("HelpBoard saver"));
    m_runner->moveToThread(&m_thread);
    m_thread.start();
}

StoreWorker::~StoreWorker()
{
    // Saves waiting for the file to come back are not waited for any longer.
    m_stopRetrying = true;
    // Queued behind every save still waiting, so those are written before the thread ends.
    QMetaObject::invokeMethod(
            m_runner,
            [this] {
                m_runner->close();
                m_thread.quit();
            },
            Qt::QueuedConnection);
    m_thread.wait();
    delete m_runner;
}

void StoreWorker::submit(Job job, Done done)
{
    if (m_pending++ == 0)
        Q_EMIT savingChanged(true);
    QMetaObject::invokeMethod(
            m_runner,
            [this, job = std::move(job), done = std::move(done)]() mutable {
                Saved saved = m_runner->run(job);
                QMetaObject::invokeMethod(
                        this,
                        [this, saved = std::move(saved), done = std::move(done)] {
                            if (done)
                                done(saved);
                            if (--m_pending == 0)
                                Q_EMIT savingChanged(false);
                        },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

} // namespace hb::board
