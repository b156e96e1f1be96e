// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace hb::board {
class StoreWorker;
}

namespace hb::app {

/**
 * The open board's backups, made on its maintenance worker (they read the whole file): today's copy, looked for a
 * while after the board opens and again after each midnight while it stays open (a random few minutes after, so a
 * team's desktops do not all try at once: the first one makes it, the others find it there), and a copy on demand.
 */
class Backups final : public QObject
{
    Q_OBJECT

public:
    /// How far after midnight the next day's copy is looked for, at the most.
    static constexpr int s_nextDayJitterMs = 10 * 60 * 1000;

    explicit Backups(QObject *parent = nullptr);

    /// Backups of the board @p worker opens from now on; today's is looked for after firstDelay().
    void start(board::StoreWorker *worker);
    /// How long after start() today's copy is looked for (30 s unless set).
    void setFirstDelay(int msecs);
    /// When the next day's copy is looked for, once today's was; -1 before.
    int nextDayIn() const;
    /// A copy now, whatever the day's (madeNow()).
    void backUpNow();

Q_SIGNALS:
    /// Today's copy was made, at @p path; or someone had made it already (@p path empty); or it failed (@p error).
    void madeToday(const QString &path, const QString &error);
    /// The copy backUpNow() asked for was made at @p path, or failed (@p error).
    void madeNow(const QString &path, const QString &error);

private:
    void backUpToday();

    QPointer<board::StoreWorker> m_worker;
    QTimer m_firstLook;
    QTimer m_nextDay;
};

} // namespace hb::app
