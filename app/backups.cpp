// SPDX-License-Identifier: GPL-3.0-or-later
#include "backups.h"

#include <board/sync/storeworker.h>
#include <storage/boardstore.h>

#include <QDateTime>
#include <QRandomGenerator>

namespace hb::app {

namespace {

constexpr int s_firstLookMs = 30'000;

/// A backup's outcome, handed from the worker's thread: the copy's path, or why there is none.
board::Saved copyMade(const storage::Result<QString> &made)
{
    board::Saved saved(made ? storage::Status() : storage::Status(made.error()));
    saved.result = made ? *made : QString();
    return saved;
}

QString errorOf(const board::Saved &saved)
{
    return saved.status ? QString() : saved.status.error().message;
}

} // namespace

Backups::Backups(QObject *parent)
    : QObject(parent)
{
    m_firstLook.setSingleShot(true);
    m_firstLook.setInterval(s_firstLookMs);
    connect(&m_firstLook, &QTimer::timeout, this, &Backups::backUpToday);
    m_nextDay.setSingleShot(true);
    connect(&m_nextDay, &QTimer::timeout, this, &Backups::backUpToday);
}

void Backups::start(board::StoreWorker *worker)
{
    m_worker = worker;
    m_firstLook.start();
}

void Backups::setFirstDelay(int msecs)
{
    m_firstLook.setInterval(msecs);
    if (m_firstLook.isActive())
        m_firstLook.start();
}

int Backups::nextDayIn() const
{
    return m_nextDay.isActive() ? m_nextDay.remainingTime() : -1;
}

void Backups::backUpToday()
{
    const QDateTime now = QDateTime::currentDateTime();
    const qint64 toMidnight = now.msecsTo(QDateTime(now.date().addDays(1), QTime(0, 0)));
    m_nextDay.start(int(toMidnight + QRandomGenerator::global()->bounded(s_nextDayJitterMs)));
    if (!m_worker)
        return;
    m_worker->submit(
            [today = now.date()](storage::BoardStore &store) {
                auto made = store.backUpDaily(today);
                // Then, on the same worker, uploads abandoned part-way (a viewer or a read-only file skips this).
                if (made && !store.isReadOnly() && store.role() != storage::Role::Viewer)
                    (void)store.purgeAbandonedUploads(storage::BoardStore::abandonedUploadAge());
                return copyMade(made);
            },
            [this](const board::Saved &saved) { Q_EMIT madeToday(saved.result.toString(), errorOf(saved)); });
}

void Backups::backUpNow()
{
    if (!m_worker)
        return;
    m_worker->submit(
            [now = QDateTime::currentDateTime()](storage::BoardStore &store) { return copyMade(store.backUpNow(now)); },
            [this](const board::Saved &saved) { Q_EMIT madeNow(saved.result.toString(), errorOf(saved)); });
}

} // namespace hb::app
