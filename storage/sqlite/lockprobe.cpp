// SPDX-License-Identifier: GPL-3.0-or-later
#include <storage/lockprobe.h>

#include "keptfile.h"
#include "lockprobe_p.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSysInfo>
#include <QThread>
#include <QtEndian>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hb::storage {

QString lockprobe::keyOf(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

namespace {

using lockprobe::keyOf;

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::LockProbe", text);
}

constexpr int s_slots = 128;
constexpr qint64 s_headerSize = 512;
constexpr qint64 s_markReasonMax = 480;
constexpr char s_headerMagic[] = "HELPBOARD-LOCKS1"; // 16 bytes, no NUL stored
constexpr char s_recordMagic[] = "HBL1";
constexpr int s_textSize = 64;
/// A record whose clock is this far from ours is from a process that went long ago (or a badly set clock).
constexpr qint64 s_freshMs = 2 * 60'000;
/// How long a colleague may have read a newer board than this computer before this computer's copy counts as old.
constexpr qint64 s_staleGraceMs = 3000;

qint64 recordOffset(int slot)
{
    return s_headerSize + qint64(slot) * LockRecord::s_size;
}

struct Shared
{
    QMutex mutex;
    QHash<QString, QString> refusals;
    QHash<QString, int> sideFiles; ///< never closed: that would drop this process's locks
    LockProbe::WriteGate gate;
};

/// Never destroyed: a lock probe's thread may still look while the process exits.
Shared &shared()
{
    static auto *instance = new Shared;
    return *instance;
}

quint32 checksum(const char *data, int size)
{
    quint32 hash = 2166136261u; // FNV-1a
    for (int i = 0; i < size; ++i) {
        hash ^= quint8(data[i]);
        hash *= 16777619u;
    }
    return hash;
}

void putText(char *to, const QString &text)
{
    QByteArray bytes = text.toUtf8();
    // Cut at a character boundary so the stored text stays valid UTF-8.
    while (bytes.size() > s_textSize - 1) {
        bytes.chop(1);
        while (!bytes.isEmpty() && (quint8(bytes.back()) & 0xC0) == 0x80)
            bytes.chop(1);
        if (!bytes.isEmpty() && quint8(bytes.back()) >= 0xC0)
            bytes.chop(1);
    }
    std::memcpy(to, bytes.constData(), size_t(bytes.size()));
}

std::optional<QString> getText(const char *from)
{
    const void *end = std::memchr(from, 0, s_textSize);
    if (!end)
        return std::nullopt;
    const auto length = static_cast<const char *>(end) - from;
    for (auto i = length; i < s_textSize; ++i) {
        if (from[i] != 0)
            return std::nullopt;
    }
    const QByteArray bytes(from, length);
    QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() != bytes)
        return std::nullopt; // not UTF-8
    for (const QChar c : std::as_const(text)) {
        if (c.category() == QChar::Other_Control)
            return std::nullopt;
    }
    return text;
}

bool preadAll(int fd, char *to, qint64 size, qint64 offset)
{
    const qint64 got = keptfile::readAt(fd, to, size, offset);
    if (got < 0)
        return false;
    std::memset(to + got, 0, size_t(size - got)); // past the end: empty slots
    return true;
}

bool pwriteAll(int fd, const char *from, qint64 size, qint64 offset)
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t put = ::pwrite(fd, from + done, size_t(size - done), off_t(offset + done));
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        done += put;
    }
    return true;
}

struct flock slotLock(int slot, short type)
{
    struct flock lock = {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = off_t(recordOffset(slot));
    lock.l_len = 1;
    return lock;
}

bool locksUnsupported(int error)
{
    return error == ENOLCK || error == EOPNOTSUPP || error == ENOSYS || error == EINVAL;
}

QString unsupportedReason(const QString &boardPath, int error)
{
    return tr("the share that holds %1 does not support file locks (%2); two desktops writing at once would "
              "damage the board. An administrator must mount the share with locking (see the README, “Shares and "
              "file locks”)")
            .arg(boardPath, QString::fromLocal8Bit(std::strerror(error)));
}

QString decodeMountField(const QByteArray &field)
{
    QByteArray decoded;
    decoded.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '3'
            && field[i + 2] >= '0' && field[i + 2] <= '7' && field[i + 3] >= '0' && field[i + 3] <= '7') {
            decoded += char(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) | (field[i + 3] - '0'));
            i += 3;
        } else {
            decoded += field[i];
        }
    }
    return QString::fromUtf8(decoded);
}

bool isUnder(const QString &folder, const QString &mountPoint)
{
    if (mountPoint == u"/")
        return folder.startsWith(QLatin1Char('/'));
    return folder == mountPoint || folder.startsWith(mountPoint + QLatin1Char('/'));
}

/// The side file's descriptor, opened once per process and never closed: closing any descriptor of a file drops all
/// of the process's locks on it.
int sideFile(const QString &boardPath, QString *error)
{
    Shared &all = shared();
    const QString key = keyOf(boardPath);
    QMutexLocker locker(&all.mutex);
    int fd = all.sideFiles.value(key, -1);
    if (fd >= 0)
        return fd;
    const QString side = LockProbe::sidePath(boardPath);
    const QByteArray name = QFile::encodeName(side);
    fd = ::open(name.constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
        // Whoever may write the board may write its side file, whatever this user's umask.
        struct stat board = {};
        if (::stat(QFile::encodeName(boardPath).constData(), &board) == 0)
            (void)::fchmod(fd, board.st_mode & 0666);
    } else if (errno == EEXIST) {
        fd = ::open(name.constData(), O_RDWR | O_CLOEXEC);
    }
    if (fd < 0) {
        *error = tr("HelpBoard cannot open %1 (%2), which it needs to check that the share passes file locks "
                    "between desktops; whoever may change the board must be allowed to change this file too")
                         .arg(side, QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
    all.sideFiles.insert(key, fd);
    return fd;
}

} // namespace

QByteArray LockRecord::encode() const
{
    QByteArray bytes(s_size, '\0');
    char *data = bytes.data();
    std::memcpy(data, s_recordMagic, 4);
    qToLittleEndian<quint32>(slot, data + 4);
    qToLittleEndian<quint32>(pid, data + 8);
    qToLittleEndian<quint32>(fileCounter, data + 12);
    qToLittleEndian<quint64>(counter, data + 16);
    qToLittleEndian<qint64>(time, data + 24);
    qToLittleEndian<quint32>(beats ? 1 : 0, data + 32);
    putText(data + 40, host);
    putText(data + 40 + s_textSize, login);
    qToLittleEndian<quint32>(checksum(data, 168), data + 168);
    return bytes;
}

std::optional<LockRecord> LockRecord::parse(QByteArrayView bytes)
{
    if (bytes.size() != s_size)
        return std::nullopt;
    const char *data = bytes.data();
    if (std::memcmp(data, s_recordMagic, 4) != 0)
        return std::nullopt;
    if (qFromLittleEndian<quint32>(data + 168) != checksum(data, 168))
        return std::nullopt;
    for (int i = 172; i < s_size; ++i) {
        if (data[i] != 0)
            return std::nullopt;
    }
    LockRecord record;
    record.slot = qFromLittleEndian<quint32>(data + 4);
    record.pid = qFromLittleEndian<quint32>(data + 8);
    record.fileCounter = qFromLittleEndian<quint32>(data + 12);
    record.counter = qFromLittleEndian<quint64>(data + 16);
    record.time = qFromLittleEndian<qint64>(data + 24);
    const quint32 flags = qFromLittleEndian<quint32>(data + 32);
    if (record.slot >= s_slots || record.pid == 0 || flags > 1 || qFromLittleEndian<quint32>(data + 36) != 0)
        return std::nullopt;
    record.beats = flags == 1;
    auto host = getText(data + 40);
    auto login = getText(data + 40 + s_textSize);
    if (!host || !login)
        return std::nullopt;
    record.host = *host;
    record.login = *login;
    return record;
}

QString LockRecord::desktop() const
{
    return tr("%1's desktop %2 (process %3)").arg(login.isEmpty() ? tr("someone") : login, host).arg(pid);
}

QString LockProbe::sidePath(const QString &boardPath)
{
    return boardPath + QStringLiteral(".helpboard-locks");
}

QString LockProbe::refusal(const QString &boardPath)
{
    Shared &all = shared();
    {
        QMutexLocker locker(&all.mutex);
        if (all.refusals.isEmpty())
            return {}; // the usual case, asked often: no file-system call
    }
    const QString key = keyOf(boardPath);
    QMutexLocker locker(&all.mutex);
    return all.refusals.value(key);
}

void LockProbe::refuse(const QString &boardPath, const QString &reason)
{
    Shared &all = shared();
    const QString key = keyOf(boardPath);
    QMutexLocker locker(&all.mutex);
    if (!all.refusals.contains(key))
        all.refusals.insert(key, reason);
}

void LockProbe::forgetRefusal(const QString &boardPath)
{
    Shared &all = shared();
    const QString key = keyOf(boardPath);
    {
        QMutexLocker locker(&all.mutex);
        all.refusals.remove(key);
    }
    lockprobe::forgetVerdict(key);
}

void LockProbe::setWriteGate(WriteGate gate)
{
    Shared &all = shared();
    QMutexLocker locker(&all.mutex);
    all.gate = std::move(gate);
}

Status LockProbe::passWriteGate(const QString &boardPath, const QString &login)
{
    Shared &all = shared();
    WriteGate gate;
    {
        QMutexLocker locker(&all.mutex);
        gate = all.gate;
    }
    return gate ? gate(boardPath, login) : Status();
}

QString LockProbe::mountRefusal(const QString &folder)
{
    const QString fake = qEnvironmentVariable("HELPBOARD_MOUNTINFO");
    QFile file(fake.isEmpty() ? QStringLiteral("/proc/self/mountinfo") : fake);
    if (!file.open(QIODevice::ReadOnly))
        return {}; // not Linux, or no /proc: nothing known
    return mountRefusal(file.readAll(), folder);
}

QString LockProbe::mountRefusal(const QByteArray &mountinfo, const QString &folder)
{
    const QFileInfo info(folder);
    QString where = info.canonicalFilePath();
    if (where.isEmpty())
        where = QDir::cleanPath(info.absoluteFilePath());
    qsizetype bestLength = -1;
    QString fsType;
    QStringList options;
    QString source;
    QString mountPoint;
    for (const QByteArray &line : mountinfo.split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        // id parent major:minor root mount-point options [optional...] - type source super-options
        const auto dash = fields.indexOf(QByteArray("-"), 6);
        if (dash < 6 || dash + 2 >= fields.size())
            continue;
        const QString point = decodeMountField(fields[4]);
        if (point.isEmpty() || !point.startsWith(QLatin1Char('/')) || !isUnder(where, point))
            continue;
        if (point.size() < bestLength)
            continue; // a later mount on the same point hides an earlier one: equal lengths replace
        bestLength = point.size();
        mountPoint = point;
        fsType = decodeMountField(fields[dash + 1]);
        source = decodeMountField(fields[dash + 2]);
        options = decodeMountField(fields[5]).split(QLatin1Char(','));
        if (dash + 3 < fields.size())
            options += decodeMountField(fields[dash + 3]).split(QLatin1Char(','));
    }
    if (bestLength < 0)
        return {};
    const auto fix = tr(" (see the README, “Shares and file locks”)");
    if (fsType == u"cifs" || fsType == u"smb3" || fsType == u"smbfs") {
        if (options.contains(QStringLiteral("nobrl")))
            return tr("the board's folder is on the share %1 (mounted at %2 with “nobrl”), which keeps file locks on "
                      "this computer: two desktops writing at once would damage the board. An administrator must "
                      "remove “nobrl” from the mount options")
                           .arg(source, mountPoint)
                   + fix;
        return {};
    }
    if (fsType == u"nfs" || fsType == u"nfs4") {
        for (const QString &option : std::as_const(options)) {
            if (option == u"nolock" || option == u"local_lock=all" || option == u"local_lock=posix")
                return tr("the board's folder is on the NFS share %1 (mounted at %2 with “%3”), which keeps file "
                          "locks on this computer: two desktops writing at once would damage the board. An "
                          "administrator must mount it with “local_lock=none” and without “nolock”")
                               .arg(source, mountPoint, option)
                       + fix;
        }
        return {};
    }
    if (fsType == u"fuse.rclone" || fsType == u"fuse.sshfs" || fsType == u"fuse.gvfsd-fuse"
        || fsType == u"fuse.gvfs-fuse-daemon") {
        return tr("the board's folder is on a %1 mount (%2), which does not pass file locks between desktops: two "
                  "desktops writing at once would damage the board. Mount the share with the kernel's cifs or NFS "
                  "client instead")
                       .arg(fsType.mid(5), mountPoint)
               + fix;
    }
    return {};
}

Result<std::unique_ptr<LockProbe>> LockProbe::start(const QString &boardPath, const QString &login, bool beats)
{
    if (const QString known = refusal(boardPath); !known.isEmpty())
        return Error{ErrorKind::ReadOnly, known};
    std::unique_ptr<LockProbe> probe(new LockProbe);
    probe->m_boardPath = boardPath;
    if (const QString mount = mountRefusal(QFileInfo(boardPath).absolutePath()); !mount.isEmpty())
        return probe->fail(mount).error();

    const QString side = sidePath(boardPath);
    QString cannot;
    probe->m_fd = sideFile(boardPath, &cannot);
    if (probe->m_fd < 0)
        return probe->fail(cannot).error();
    if (auto mark = probe->readMark(); !mark)
        return mark.error();

    probe->m_own.pid = quint32(::getpid());
    probe->m_own.host = QSysInfo::machineHostName();
    probe->m_own.login = login;
    probe->m_own.beats = beats;
    if (const auto stored = LockRecord::parse(probe->m_own.encode())) {
        // As the side file keeps them (cut to length), so this process knows its own record when it reads it.
        probe->m_own.host = stored->host;
        probe->m_own.login = stored->login;
    }
    QByteArray records(qsizetype(s_slots) * LockRecord::s_size, '\0');
    if (!preadAll(probe->m_fd, records.data(), records.size(), s_headerSize))
        return Error{ErrorKind::Io, tr("cannot read %1: %2").arg(side, QString::fromLocal8Bit(std::strerror(errno)))};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int slot = 0; slot < s_slots && probe->m_slot < 0; ++slot) {
        const auto record =
                LockRecord::parse(QByteArrayView(records).sliced(slot * LockRecord::s_size, LockRecord::s_size));
        if (record && record->pid == probe->m_own.pid && record->host == probe->m_own.host)
            continue; // another probe of this process: a lock of our own would not even show
        struct flock lock = slotLock(slot, F_WRLCK);
        if (::fcntl(probe->m_fd, F_SETLK, &lock) != 0) {
            const int error = errno;
            if (error == EAGAIN || error == EACCES)
                continue; // a live colleague holds it: locks work here
            if (locksUnsupported(error))
                return probe->fail(unsupportedReason(boardPath, error)).error();
            return Error{ErrorKind::Io,
                         tr("cannot lock %1: %2").arg(side, QString::fromLocal8Bit(std::strerror(error)))};
        }
        if (record && std::abs(now - record->time) < s_freshMs) {
            // Free, though a colleague wrote here lately: it went (a crash), or its lock does not reach us. Its
            // counter moving from here on tells which.
            struct flock unlock = slotLock(slot, F_UNLCK);
            (void)::fcntl(probe->m_fd, F_SETLK, &unlock);
            probe->m_others.insert(slot, Other{*record, true, false, 0});
            continue;
        }
        probe->m_slot = slot;
    }
    if (probe->m_slot < 0)
        return Error{ErrorKind::Busy, tr("more than %1 desktops have %2 open").arg(s_slots).arg(boardPath)};
    probe->m_own.slot = quint32(probe->m_slot);
    if (auto first = probe->look(); !first)
        return first.error();
    return probe;
}

LockProbe::~LockProbe()
{
    if (m_slot < 0)
        return;
    // The record first, then the lock: a colleague never sees a live-looking record on a free slot.
    const QByteArray empty(LockRecord::s_size, '\0');
    (void)pwriteAll(m_fd, empty.constData(), empty.size(), recordOffset(m_slot));
    struct flock unlock = slotLock(m_slot, F_UNLCK);
    (void)::fcntl(m_fd, F_SETLK, &unlock);
}

Status LockProbe::fail(const QString &reason)
{
    refuse(m_boardPath, reason);
    return Error{ErrorKind::ReadOnly, refusal(m_boardPath)};
}

Status LockProbe::readMark()
{
    char header[s_headerSize];
    if (!preadAll(m_fd, header, s_headerSize, 0))
        return {};
    if (std::memcmp(header, s_headerMagic, 16) != 0 || qFromLittleEndian<quint32>(header + 16) == 0)
        return {};
    const quint32 length = std::min<quint32>(qFromLittleEndian<quint32>(header + 28), quint32(s_markReasonMax));
    QString reason = QString::fromUtf8(header + 32, qsizetype(length)).simplified();
    if (reason.isEmpty())
        reason = tr("file locks were found not to reach between the desktops that have %1 open").arg(m_boardPath);
    return fail(reason);
}

void LockProbe::clearMark(const QString &boardPath, qint64 olderThanMs)
{
    QString error;
    const int fd = sideFile(boardPath, &error);
    char header[s_headerSize];
    if (fd < 0 || !preadAll(fd, header, s_headerSize, 0) || std::memcmp(header, s_headerMagic, 16) != 0)
        return;
    if (QDateTime::currentMSecsSinceEpoch() - qFromLittleEndian<qint64>(header + 20) < olderThanMs)
        return;
    const QByteArray empty(s_headerSize, '\0');
    (void)pwriteAll(fd, empty.constData(), empty.size(), 0);
}

QStringList LockProbe::lockedDesktops() const
{
    return m_lockedDesktops;
}

std::optional<quint32> LockProbe::readFileCounter()
{
    // The process's kept descriptor of the board: closing one would drop SQLite's locks (keptfile.h).
    const int fd = keptfile::descriptor(m_boardPath);
    struct stat now = {};
    if (fd < 0 || ::fstat(fd, &now) != 0)
        return std::nullopt;
    if (m_boardInode != quint64(now.st_ino)) {
        m_boardInode = quint64(now.st_ino);
        m_highestCounter = 0; // another file (a restore): its counter starts afresh
    }
    // Read without SQLite's lock, the header may be a save's that is not committed yet, and goes back when that save
    // is rolled back (it failed, or its process died and the next opener rolled it back): no sign of an old copy.
    // While a save is under way its journal has content (it is emptied at the commit point), so a counter counts
    // only when the journal was empty both before and after it was read.
    const QByteArray journal = QFile::encodeName(m_boardPath + QStringLiteral("-journal"));
    const auto journalEmpty = [&journal] {
        struct stat info = {};
        return ::stat(journal.constData(), &info) != 0 ? errno == ENOENT : info.st_size == 0;
    };
    char counter[4];
    if (!journalEmpty() || !preadAll(fd, counter, 4, 24) || !journalEmpty())
        return std::nullopt;
    return qFromBigEndian<quint32>(counter);
}

bool LockProbe::writeOwn()
{
    const QByteArray bytes = m_own.encode();
    return pwriteAll(m_fd, bytes.constData(), bytes.size(), recordOffset(m_slot));
}

Status LockProbe::locksDoNotReach(const LockRecord &colleague)
{
    // Said in the side file too, so every desktop stops writing, whoever found it.
    const QString reason =
            tr("file locks do not reach between this desktop and %1 (or between %2 and %3), so two of them writing at "
               "once would damage %4; HelpBoard stopped writing to it on both. An administrator must fix the share's "
               "mount options (see the README, “Shares and file locks”)")
                    .arg(colleague.desktop(), m_own.desktop(), colleague.desktop(), m_boardPath);
    QByteArray header(s_headerSize, '\0');
    std::memcpy(header.data(), s_headerMagic, 16);
    qToLittleEndian<quint32>(1, header.data() + 16);
    qToLittleEndian<qint64>(QDateTime::currentMSecsSinceEpoch(), header.data() + 20);
    QByteArray text = reason.toUtf8().left(s_markReasonMax);
    while (!text.isEmpty() && QString::fromUtf8(text).toUtf8() != text)
        text.chop(1);
    qToLittleEndian<quint32>(quint32(text.size()), header.data() + 28);
    std::memcpy(header.data() + 32, text.constData(), size_t(text.size()));
    (void)pwriteAll(m_fd, header.constData(), header.size(), 0);
    return fail(reason);
}

Status LockProbe::look()
{
    if (const QString known = refusal(m_boardPath); !known.isEmpty())
        return Error{ErrorKind::ReadOnly, known};
    if (auto mark = readMark(); !mark)
        return mark;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto counter = readFileCounter();
    if (counter) {
        if (*counter < m_highestCounter) {
            return fail(tr("this computer sees an old copy of the board: the change counter of %1 went back from %2 "
                           "to %3, so HelpBoard stopped writing rather than write old content back. An administrator "
                           "must make the share's caching coherent (see the README, “Shares and file locks”)")
                                .arg(m_boardPath)
                                .arg(m_highestCounter)
                                .arg(*counter));
        }
        m_highestCounter = *counter;
    }
    // Someone else wrote into the slot this process holds locked since its last look: it took the lock too, so it
    // cannot see ours.
    char mine[LockRecord::s_size];
    if (m_own.counter > 0 && preadAll(m_fd, mine, LockRecord::s_size, recordOffset(m_slot))) {
        const auto there = LockRecord::parse(QByteArrayView(mine, LockRecord::s_size));
        if (there && (there->pid != m_own.pid || there->host != m_own.host || there->login != m_own.login))
            return locksDoNotReach(*there);
    }
    ++m_own.counter;
    m_own.time = now;
    m_own.fileCounter = counter.value_or(0);
    if (!writeOwn())
        return Error{ErrorKind::Io, tr("cannot write %1").arg(sidePath(m_boardPath))};

    QByteArray records(qsizetype(s_slots) * LockRecord::s_size, '\0');
    if (!preadAll(m_fd, records.data(), records.size(), s_headerSize))
        return Error{ErrorKind::Io, tr("cannot read %1").arg(sidePath(m_boardPath))};
    // Read again after the records: what a colleague wrote there was read before this, so a healthy share shows at
    // least as new a board here as it did to them.
    if (const auto after = readFileCounter(); after && *after >= m_highestCounter)
        m_highestCounter = *after;
    const quint32 current = counter ? m_highestCounter : 0; // 0: not known
    const auto recordAt = [&](int slot) {
        return LockRecord::parse(QByteArrayView(records).sliced(slot * LockRecord::s_size, LockRecord::s_size));
    };
    const auto sameProcess = [](const LockRecord &a, const LockRecord &b) {
        return a.pid == b.pid && a.host == b.host && a.login == b.login;
    };
    for (int slot = 0; slot < s_slots; ++slot) {
        if (slot == m_slot)
            continue;
        auto record = recordAt(slot);
        if (!record || (record->pid == m_own.pid && record->host == m_own.host)) {
            m_others.remove(slot);
            continue;
        }
        auto seen = m_others.find(slot);
        if (seen != m_others.end() && !sameProcess(seen->record, *record))
            seen = m_others.end(), m_others.remove(slot);
        if (seen != m_others.end() && seen->freeSeen && seen->record.counter != record->counter) {
            // Its slot was free after we read it, and it has looked again since: alive, holding a lock we cannot
            // see.
            return locksDoNotReach(*record);
        }
        struct flock test = slotLock(slot, F_WRLCK);
        if (::fcntl(m_fd, F_GETLK, &test) != 0) {
            const int error = errno;
            if (locksUnsupported(error))
                return fail(unsupportedReason(m_boardPath, error));
            continue;
        }
        Other other{*record, false, test.l_type != F_UNLCK, 0};
        if (other.lockedSeen && !m_lockedDesktops.contains(record->desktop()))
            m_lockedDesktops << record->desktop();
        if (seen != m_others.end()) {
            other.newerSince = seen->newerSince;
            other.aliveAt = seen->aliveAt;
            if (seen->record.counter != record->counter)
                other.aliveAt = now;
        }
        if (other.lockedSeen)
            other.aliveAt = now;
        if (seen != m_others.end())
            other.lockedSeen = other.lockedSeen || seen->lockedSeen;
        if (test.l_type == F_UNLCK) {
            // Read it again: the free slot counts only against a record that was still there after the test.
            char again[LockRecord::s_size];
            if (!preadAll(m_fd, again, LockRecord::s_size, recordOffset(slot)))
                continue;
            const auto after = LockRecord::parse(QByteArrayView(again, LockRecord::s_size));
            if (!after || !sameProcess(*after, *record)) {
                m_others.remove(slot);
                continue;
            }
            other.record = *after;
            other.freeSeen = true;
        }
        // A colleague that lives read a newer board than we do, and keeps doing so: this computer's copy is old.
        if (current && record->fileCounter > current && std::abs(now - record->time) < s_freshMs) {
            if (!other.newerSince)
                other.newerSince = now;
            else if (now - other.newerSince >= s_staleGraceMs && other.alive(now))
                return fail(tr("this computer sees an old copy of the board: %1 read change %2 of %3 while this "
                               "computer still reads change %4, so HelpBoard stopped writing rather than write old "
                               "content back. An administrator must make the share's caching coherent (see the "
                               "README, “Shares and file locks”)")
                                    .arg(record->desktop())
                                    .arg(record->fileCounter)
                                    .arg(m_boardPath)
                                    .arg(current));
        } else {
            other.newerSince = 0;
        }
        m_others.insert(slot, other);
    }
    return {};
}

Status LockProbe::settle(int waitMs)
{
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + waitMs;
    for (;;) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        bool pending = false;
        for (const Other &other : std::as_const(m_others)) {
            // Only a process that looks again and again can show it lives; one of this computer's that has gone
            // (a CLI run killed) is not waited for.
            const bool gone =
                    other.record.host == m_own.host && ::kill(pid_t(other.record.pid), 0) != 0 && errno == ESRCH;
            if ((other.freeSeen && other.record.beats && !gone && std::abs(now - other.record.time) < s_freshMs)
                || (other.newerSince && other.alive(now)))
                pending = true;
        }
        if (!pending || now >= until)
            return {};
        QThread::msleep(200);
        if (auto looked = look(); !looked)
            return looked;
    }
}

int LockProbe::colleaguesSeenLocked() const
{
    return int(m_lockedDesktops.size());
}

} // namespace hb::storage
