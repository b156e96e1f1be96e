// SPDX-License-Identifier: GPL-3.0-or-later
#include "keptfile.h"

#include <QFile>
#include <QHash>
#include <QList>
#include <QMutex>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hb::storage::keptfile {

namespace {

struct Kept
{
    QMutex mutex;
    QHash<QPair<quint64, quint64>, int> descriptors; ///< by (device, inode); never closed, see keptfile.h
    QList<int> spares; ///< opened in a race with a rename, of a file already had or unknown: kept, never closed
};

/// Never destroyed: a lock probe's thread may still read through it while the process exits.
Kept &kept()
{
    static auto *instance = new Kept;
    return *instance;
}

QPair<quint64, quint64> keyOf(const struct stat &info)
{
    return {quint64(info.st_dev), quint64(info.st_ino)};
}

} // namespace

int descriptor(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    struct stat now = {};
    if (::stat(name.constData(), &now) != 0)
        return -1;
    Kept &all = kept();
    QMutexLocker locker(&all.mutex);
    if (const auto found = all.descriptors.constFind(keyOf(now)); found != all.descriptors.constEnd())
        return *found;
    const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    // Replaced between stat and open: keep it under the file it really is.
    struct stat opened = {};
    if (::fstat(fd, &opened) != 0) {
        const int error = errno;
        all.spares.append(fd); // still never closed: it may be the file SQLite has locked
        errno = error;
        return -1;
    }
    if (const auto found = all.descriptors.constFind(keyOf(opened)); found != all.descriptors.constEnd()) {
        all.spares.append(fd);
        return *found;
    }
    all.descriptors.insert(keyOf(opened), fd);
    return fd;
}

qint64 readAt(int fd, char *to, qint64 size, qint64 offset)
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t got = ::pread(fd, to + done, size_t(size - done), off_t(offset + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break; // end of file
        done += got;
    }
    return done;
}

qint64 read(const QString &path, char *to, qint64 size, qint64 offset)
{
    const int fd = descriptor(path);
    return fd < 0 ? -1 : readAt(fd, to, size, offset);
}

qint64 size(const QString &path)
{
    const int fd = descriptor(path);
    struct stat info = {};
    if (fd < 0 || ::fstat(fd, &info) != 0)
        return -1;
    return qint64(info.st_size);
}

} // namespace hb::storage::keptfile
