// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace hb::storage {

/// One desktop's heartbeat in the side file (see LockProbe).
struct LockRecord
{
    quint32 slot = 0;
    quint32 pid = 0;
    quint32 fileCounter = 0; ///< the board's change counter as this process last read it (0: not read)
    quint64 counter = 0;     ///< moves at every look while the process lives
    qint64 time = 0;         ///< the writer's clock (UTC ms) at its last look
    bool beats = false;      ///< looks again and again while it lives (a window); a CLI run looks once
    QString host;
    QString login;

    static constexpr int s_size = 192;
    QByteArray encode() const;
    /// Reads a record as stored; nullopt for an empty slot or anything that is not a whole, valid record.
    static std::optional<LockRecord> parse(QByteArrayView bytes);
    /// "login's desktop host (process pid)", for messages.
    QString desktop() const;
};

/**
 * Proves, continuously, that the share passes file locks between the desktops that have a board open, and makes
 * the board read-only in this whole process when it does not (or cannot tell that it does).
 *
 * SQLite keeps a board safe between desktops only through byte-range locks; shares that keep locks local (cifs
 * `nobrl`, NFS `nolock`, rclone, sshfs, gvfs) let two writers damage the file without a single error. So each
 * process that has a board open takes a write lock on a free slot of a side file next to the board
 * (`BOARD.helpboard-locks`) and keeps a heartbeat record there, whose counter moves at each look. Each look
 * test-locks the slots of the others: a slot found free whose counter moves again afterwards belongs to a live
 * process whose lock this computer cannot see. The finder writes that into the side file's header, so every
 * desktop stops writing, and says which two desktops it was.
 *
 * It also catches stale reads: the board's change counter (SQLite header bytes 24..27) going back, or a colleague
 * who read a newer counter than this computer keeps reading.
 *
 * The side file is kept open for the life of the process (closing any descriptor of a file drops all of the
 * process's locks on it), and so is a read descriptor of the board itself, for the same reason. Not thread-safe:
 * one probe belongs to one thread; the refusals it records are process-wide and thread-safe.
 */
class LockProbe final
{
public:
    static QString sidePath(const QString &boardPath);
    /// Why this process must not write @p boardPath (empty: nothing known against it).
    static QString refusal(const QString &boardPath);
    /// Makes @p boardPath read-only for this whole process, for @p reason (the first reason stays).
    static void refuse(const QString &boardPath, const QString &reason);
    /// Forgets a refusal (tests).
    static void forgetRefusal(const QString &boardPath);
    /// A check every BoardStore of the process runs before it writes (the CLI proves the share's locks there, so a
    /// command that stops at a usage error never touches the share); empty: none.
    using WriteGate = std::function<Status(const QString &boardPath, const QString &login)>;
    static void setWriteGate(WriteGate gate);
    static Status passWriteGate(const QString &boardPath, const QString &login);

    /// How long a first proof waits for a colleague whose slot was found free to show whether it lives (settle).
    static constexpr int s_settleMs = 3500;
    /**
     * This process's proof, once per board, that the share passes locks: a probe started and settled, whose slot
     * the process then keeps, looking again every quarter second from a thread of its own until stopWatching. So a
     * colleague that starts while this process works sees it alive, and this process sees a colleague whose lock
     * does not reach it; whoever finds that records the refusal, and Connection looks for one before every COMMIT.
     * The verdict is kept (an I/O error reaching the side file is tried again at the next call). Thread-safe; the
     * window and the CLI install it as their write gate.
     */
    static Status proveAndWatch(const QString &boardPath, const QString &login);
    /// proveAndWatch() for a thread that must not wait for it (the window's): the proof runs on a thread of its own,
    /// and this waits for it up to @p waitMs; Busy while it is not done (a caller tries again in a moment).
    static Status proveInBackground(const QString &boardPath, const QString &login, int waitMs = 100);
    /// How many looks this process's watch of @p boardPath has made since it was proven (0: none kept), so a test or
    /// a diagnosis can tell that it looked again, rather than guess how long that takes.
    static quint64 looksAt(const QString &boardPath);
    /// Ends the watch of @p boardPath (every watch when empty: the process is ending, proofs from then on keep no
    /// watch) and frees its slot; @p wait: until the slot is free, 2 s at most (at exit, so colleagues do not wait
    /// for a record that stopped moving), else in the background.
    static void stopWatching(const QString &boardPath, bool wait);

    /// Whether the mount that holds @p folder is of a kind known to keep locks local: the reason, or empty. Reads
    /// /proc/self/mountinfo, or the file $HELPBOARD_MOUNTINFO names (tests).
    static QString mountRefusal(const QString &folder);
    /// The rule itself, on mountinfo text.
    static QString mountRefusal(const QByteArray &mountinfo, const QString &folder);

    /// Takes a slot for this process next to @p boardPath. An error (ReadOnly) when the share refuses locks or is
    /// known to keep them local; the refusal is then recorded too.
    static Result<std::unique_ptr<LockProbe>> start(const QString &boardPath, const QString &login, bool beats = true);
    ~LockProbe();
    Q_DISABLE_COPY_MOVE(LockProbe)

    /// One look: moves this process's counter, reads the others, test-locks their slots. An error (ReadOnly, with
    /// the reason) once the share is found not to pass locks or this computer reads an old copy of the board.
    Status look();
    /// Looks again for up to @p waitMs while a colleague's slot was found free but its counter has not moved since,
    /// or a colleague read a newer board than this process: for a run that looks only once (the CLI).
    Status settle(int waitMs);
    /// Colleagues whose lock this process saw held (locks reach them), even those that went since.
    int colleaguesSeenLocked() const;
    int colleaguesSeen() const { return int(m_others.size()); }
    /// The desktops whose locks this process saw held.
    QStringList lockedDesktops() const;
    /// Clears the side file's "locks do not reach" mark when it is older than @p olderThanMs (a self-test's own).
    static void clearMark(const QString &boardPath, qint64 olderThanMs);
    QString path() const { return m_boardPath; }

private:
    LockProbe() = default;
    struct Other
    {
        LockRecord record;
        bool freeSeen = false; ///< its slot was found free after the record was read as it is now
        bool lockedSeen = false;
        qint64 newerSince = 0; ///< since when (our clock) its file counter is ahead of what we read (0: it is not)
        qint64 aliveAt = 0;    ///< when (our clock) it last showed it lives: its slot held, or its counter moved
        /// Whether it showed lately that it lives: only a live colleague's newer board says ours is old (a record
        /// left by one that went may name a file since made again, or restored).
        bool alive(qint64 now) const { return aliveAt && now - aliveAt < s_aliveWithinMs; }
    };
    /// Longer than a window's look interval (1 s) and a CLI run's (250 ms), with room for a slow share.
    static constexpr qint64 s_aliveWithinMs = 5000;
    Status fail(const QString &reason);
    Status locksDoNotReach(const LockRecord &colleague);
    Status readMark();
    std::optional<quint32> readFileCounter();
    bool writeOwn();

    QString m_boardPath;
    int m_fd = -1;
    int m_slot = -1;
    LockRecord m_own;
    QHash<int, Other> m_others;   ///< by slot
    QStringList m_lockedDesktops; ///< whose locks were seen held, even after they went
    quint32 m_highestCounter = 0;
    quint64 m_boardInode = 0;
};

} // namespace hb::storage
