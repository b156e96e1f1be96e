// SPDX-License-Identifier: GPL-3.0-or-later
// LockProbe's proofs kept for the process: one probe per board, proven once and then looking again from a thread of
// its own (proveAndWatch, proveInBackground, stopWatching).
#include "lockprobe_p.h"

#include <storage/lockprobe.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSet>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace hb::storage {

using lockprobe::keyOf;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::LockProbe", text);
}

/// How often a proven process looks again (LockProbe::proveAndWatch).
constexpr int s_watchMs = 250;

/// One board's kept probe and the thread that looks with it.
struct Watch
{
    std::unique_ptr<LockProbe> probe;
    std::mutex mutex;
    std::condition_variable wake;
    bool stop = false;
    bool ended = false;             ///< the slot is free again
    std::atomic<quint64> looks = 0; ///< looks done (LockProbe::looksAt)
    std::thread thread;
};

struct Watches
{
    std::mutex mutex; ///< guards what follows; never held for long
    /// Held while proving a board, so two threads of the process never prove it at once (other boards go on).
    QHash<QString, std::shared_ptr<QMutex>> proving;
    bool closing = false;            ///< stopWatching() of every board: proofs from here on keep no watch
    std::condition_variable decided; ///< a verdict was reached
    QHash<QString, std::shared_ptr<Watch>> byBoard;
    QHash<QString, Status> verdicts;
    QSet<QString> inBackground; ///< boards proveInBackground() is proving
    /// Watches ended without waiting (a window that opened another board): the exit still waits for their slots.
    QList<std::weak_ptr<Watch>> stopping;
};

/// How long stopWatching(…, true) waits for a slot to be freed: a share that hangs must not hold the exit for long.
constexpr int s_endWaitMs = 2000;

void endWatch(const std::shared_ptr<Watch> &watch, bool wait)
{
    std::unique_lock lock(watch->mutex);
    watch->stop = true;
    watch->wake.notify_all();
    if (wait)
        watch->wake.wait_for(lock, std::chrono::milliseconds(s_endWaitMs), [&] { return watch->ended; });
    lock.unlock();
    if (watch->thread.joinable())
        watch->thread.detach(); // it ends by itself, holding the watch it needs
}

/// Never destroyed: a watch's thread may still be freeing its slot while the process exits.
Watches &watches()
{
    static auto *instance = new Watches;
    return *instance;
}

} // namespace

void lockprobe::forgetVerdict(const QString &key)
{
    Watches &kept = watches();
    std::lock_guard lock(kept.mutex);
    kept.verdicts.remove(key);
}

Status LockProbe::proveAndWatch(const QString &boardPath, const QString &login)
{
    Watches &all = watches();
    const QString key = keyOf(boardPath);
    std::shared_ptr<QMutex> provingThis;
    {
        std::lock_guard lock(all.mutex);
        if (const auto known = all.verdicts.constFind(key); known != all.verdicts.cend())
            return *known;
        auto &slot = all.proving[key];
        if (!slot)
            slot = std::make_shared<QMutex>();
        provingThis = slot;
    }
    QMutexLocker proving(provingThis.get());
    {
        std::lock_guard lock(all.mutex); // proven by another thread while this one waited
        if (const auto known = all.verdicts.constFind(key); known != all.verdicts.cend())
            return *known;
    }
    auto probe = start(boardPath, login, true);
    const Status verdict = probe ? (*probe)->settle(s_settleMs) : Status(probe.error());
    if (!verdict) {
        if (verdict.error().kind == ErrorKind::ReadOnly) {
            std::lock_guard lock(all.mutex);
            all.verdicts.insert(key, verdict);
            all.decided.notify_all();
        }
        return verdict; // the probe goes, and its slot with it
    }
    auto watch = std::make_shared<Watch>();
    watch->probe = std::move(probe).value();
    watch->thread = std::thread([watch] {
        for (;;) {
            {
                // Not held while looking: stopWatching must not wait for a share that hangs.
                std::unique_lock lock(watch->mutex);
                if (watch->wake.wait_for(lock, std::chrono::milliseconds(s_watchMs), [&] { return watch->stop; }))
                    break;
            }
            // A refusal found here is recorded for the whole process (refusal()): nothing more to do with it.
            (void)watch->probe->look();
            ++watch->looks;
        }
        watch->probe.reset(); // the record cleared, then the slot unlocked
        std::lock_guard lock(watch->mutex);
        watch->ended = true;
        watch->wake.notify_all();
    });
    std::lock_guard lock(all.mutex);
    if (all.closing) {
        // The process is ending: the proof stands for this last write, and the slot goes at once.
        endWatch(watch, false);
        return verdict;
    }
    if (auto forgotten = all.byBoard.take(key)) // its verdict was forgotten (forgetRefusal): this one replaces it
        endWatch(forgotten, false);
    all.byBoard.insert(key, watch);
    all.verdicts.insert(key, verdict);
    all.decided.notify_all();
    return verdict;
}

quint64 LockProbe::looksAt(const QString &boardPath)
{
    Watches &all = watches();
    std::lock_guard lock(all.mutex);
    const std::shared_ptr<Watch> watch = all.byBoard.value(keyOf(boardPath));
    return watch ? watch->looks.load() : 0;
}

Status LockProbe::proveInBackground(const QString &boardPath, const QString &login, int waitMs)
{
    Watches &all = watches();
    const QString key = keyOf(boardPath);
    std::unique_lock lock(all.mutex);
    if (!all.verdicts.contains(key) && !all.inBackground.contains(key)) {
        all.inBackground.insert(key);
        std::thread([boardPath, login, key] {
            (void)proveAndWatch(boardPath, login);
            Watches &kept = watches();
            std::lock_guard done(kept.mutex);
            kept.inBackground.remove(key);
            kept.decided.notify_all(); // after an I/O error too: the caller may try again
        }).detach();
    }
    all.decided.wait_for(lock, std::chrono::milliseconds(waitMs),
                         [&] { return all.verdicts.contains(key) || !all.inBackground.contains(key); });
    if (const auto known = all.verdicts.constFind(key); known != all.verdicts.cend())
        return *known;
    return Error{ErrorKind::Busy, tr("HelpBoard is still checking that the share passes file locks for %1; try again "
                                     "in a moment")
                                          .arg(QFileInfo(boardPath).fileName())};
}

void LockProbe::stopWatching(const QString &boardPath, bool wait)
{
    QList<std::shared_ptr<Watch>> ending;
    {
        Watches &all = watches();
        std::lock_guard lock(all.mutex);
        if (boardPath.isEmpty()) {
            ending = all.byBoard.values();
            for (const std::weak_ptr<Watch> &stopping : std::as_const(all.stopping)) {
                if (auto watch = stopping.lock())
                    ending << watch;
            }
            all.stopping.clear();
            all.byBoard.clear();
            all.closing = true; // verdicts stay: writes still under way at exit need not prove again
        } else {
            const QString key = keyOf(boardPath);
            if (auto watch = all.byBoard.take(key)) {
                ending << watch;
                all.stopping.removeIf([](const std::weak_ptr<Watch> &gone) { return gone.expired(); });
                if (!wait)
                    all.stopping << watch;
            }
            all.verdicts.remove(key);
        }
    }
    for (const auto &watch : std::as_const(ending))
        endWatch(watch, wait);
}

} // namespace hb::storage
