// SPDX-License-Identifier: GPL-3.0-or-later
#include "clifiles.h"

#include "cli_p.h"
#include "cliinput.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hb::app {

using namespace hb::storage;
using detail::tr;

Result<FileToAttach> FileToAttach::open(const QString &argument)
{
    const QByteArray bytes = cliinput::argumentBytes(argument);
    const QString shown = cliinput::displayArgument(argument);
    const int fd = ::open(bytes.constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR)
            return Error{ErrorKind::NotFound, tr("there is no file at %1").arg(shown)};
        if (error == ENXIO)
            return Error{ErrorKind::Invalid, tr("%1 is a socket, not a file").arg(shown)};
        // As the store says it for a file it cannot read: bad input (exit 2), not a read-only board.
        return Error{ErrorKind::NotFound, tr("cannot read %1: %2").arg(shown, QString::fromLocal8Bit(strerror(error)))};
    }
    struct stat status;
    QString notAFile;
    if (::fstat(fd, &status) != 0)
        notAFile = tr("cannot read %1: %2").arg(shown, QString::fromLocal8Bit(strerror(errno)));
    else if (S_ISDIR(status.st_mode))
        notAFile = tr("%1 is a folder; attach the files in it one by one").arg(shown);
    else if (S_ISFIFO(status.st_mode))
        notAFile = tr("%1 is a named pipe, not a file").arg(shown);
    else if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode))
        notAFile = tr("%1 is a device, not a file").arg(shown);
    else if (!S_ISREG(status.st_mode))
        notAFile = tr("%1 is not a regular file").arg(shown);
    if (!notAFile.isEmpty()) {
        ::close(fd);
        return Error{ErrorKind::Invalid, notAFile};
    }
    const qsizetype slash = bytes.lastIndexOf('/');
    const QString name = QString::fromUtf8(bytes.mid(slash + 1));
    const QString viaDescriptor = QStringLiteral("/proc/self/fd/%1").arg(fd);
    const QString path = QFileInfo::exists(viaDescriptor) ? viaDescriptor : argument;
    return FileToAttach(fd, path, name);
}

FileToAttach::FileToAttach(int fd, QString path, QString name)
    : m_fd(fd)
    , m_path(std::move(path))
    , m_name(std::move(name))
{ }

FileToAttach::FileToAttach(FileToAttach &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_path(std::move(other.m_path))
    , m_name(std::move(other.m_name))
{ }

FileToAttach::~FileToAttach()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace hb::app
