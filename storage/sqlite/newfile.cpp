// SPDX-License-Identifier: GPL-3.0-or-later
#include "newfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hb::storage {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::NewFile", text);
}

QByteArray folderOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    if (slash < 0)
        return QByteArrayLiteral(".");
    return slash == 0 ? QByteArrayLiteral("/") : path.left(slash);
}

/// renameat2(RENAME_NOREPLACE); -1 with errno EINVAL or ENOSYS where the kernel or file system cannot.
int renameNoReplace(const char *from, const char *to)
{
#if defined(SYS_renameat2)
    constexpr unsigned s_renameNoReplace = 1; // RENAME_NOREPLACE, from <linux/fs.h>
    return int(syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, s_renameNoReplace));
#else
    errno = ENOSYS;
    return -1;
#endif
}

} // namespace

NewFile::NewFile(QByteArray path, QString shownPath)
    : m_path(std::move(path))
    , m_shownPath(std::move(shownPath))
{ }

NewFile::~NewFile()
{
    discard();
}

Error NewFile::ioError(const QString &doing, int error) const
{
    if (error == EEXIST)
        return Error{ErrorKind::Invalid, tr("%1 already exists; choose a new file name").arg(m_shownPath)};
    if (error == ENOENT)
        return Error{ErrorKind::NotFound, tr("the folder of %1 does not exist").arg(m_shownPath)};
    if (error == ENOSPC || error == EDQUOT)
        return Error{ErrorKind::Io, tr("the disk holding %1 is full").arg(m_shownPath)};
    if (error == EACCES || error == EPERM || error == EROFS)
        return Error{ErrorKind::ReadOnly,
                     tr("cannot write %1: %2").arg(m_shownPath, QString::fromLocal8Bit(strerror(error)))};
    return Error{ErrorKind::Io,
                 tr("cannot %1 %2: %3").arg(doing, m_shownPath, QString::fromLocal8Bit(strerror(error)))};
}

Status NewFile::create()
{
    struct stat existing;
    if (::lstat(m_path.constData(), &existing) == 0)
        return ioError(tr("write"), EEXIST);
    const qsizetype slash = m_path.lastIndexOf('/');
    const QByteArray base = m_path.mid(slash + 1);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QByteArray name = folderOf(m_path) + "/." + base.left(100) + ".part-"
                                + QByteArray::number(QRandomGenerator::global()->generate(), 36);
        m_fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (m_fd >= 0) {
            m_temporary = name;
            return {};
        }
        if (errno != EEXIST)
            return ioError(tr("write"), errno);
    }
    return ioError(tr("write"), EEXIST);
}

QString NewFile::temporaryPath() const
{
    return QFile::decodeName(m_temporary);
}

Status NewFile::commit()
{
    if (m_fd < 0)
        return ioError(tr("write"), EBADF);
    if (::fsync(m_fd) != 0) {
        const int error = errno;
        discard();
        return ioError(tr("write"), error);
    }
    ::close(m_fd);
    m_fd = -1;
    if (renameNoReplace(m_temporary.constData(), m_path.constData()) == 0) {
        m_temporary.clear();
        return {};
    }
    int error = errno;
    if (error == EINVAL || error == ENOSYS || error == ENOTSUP) {
        // No RENAME_NOREPLACE here: a hard link fails as well when the name is taken.
        if (::link(m_temporary.constData(), m_path.constData()) == 0) {
            ::unlink(m_temporary.constData());
            m_temporary.clear();
            return {};
        }
        error = errno;
        if (error == EPERM || error == ENOTSUP || error == ENOSYS) {
            // No hard links either (FAT, some shares): claim the name exclusively, then put the content in its place.
            const int claim = ::open(m_path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
            if (claim >= 0) {
                ::close(claim);
                if (::rename(m_temporary.constData(), m_path.constData()) == 0) {
                    m_temporary.clear();
                    return {};
                }
                error = errno;
                ::unlink(m_path.constData());
            } else {
                error = errno;
            }
        }
    }
    discard();
    return ioError(tr("write"), error);
}

void NewFile::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_temporary.isEmpty()) {
        ::unlink(m_temporary.constData());
        m_temporary.clear();
    }
}

} // namespace hb::storage
