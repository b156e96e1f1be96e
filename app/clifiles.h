// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QString>

namespace hb::app {

/**
 * A file named on helpboard-cli's command line to attach, opened by the bytes of its name (so a name that is not
 * UTF-8 works) without blocking (so a named pipe cannot hang the command), and checked to be a regular file: a
 * folder, a named pipe or a device is named as what it is.
 */
class FileToAttach final
{
public:
    /// @p argument: as cliinput::decodeArgument() made it.
    static storage::Result<FileToAttach> open(const QString &argument);

    FileToAttach(FileToAttach &&other) noexcept;
    FileToAttach &operator=(FileToAttach &&) = delete;
    FileToAttach(const FileToAttach &) = delete;
    FileToAttach &operator=(const FileToAttach &) = delete;
    ~FileToAttach();

    /// A path that reaches the opened file itself (/proc/self/fd/N where there is one).
    QString path() const { return m_path; }
    /// The file's name to show on the card; bytes that are not UTF-8 become U+FFFD.
    QString name() const { return m_name; }

private:
    FileToAttach(int fd, QString path, QString name);

    int m_fd = -1;
    QString m_path;
    QString m_name;
};

} // namespace hb::app
