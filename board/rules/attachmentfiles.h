// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

class QMimeData;

/// Rules for attachment files leaving the board: the names they get on disk, and which are not opened directly.
namespace hb::board::attachmentfiles {

/**
 * A file name that is safe on Linux, macOS and Windows for an attachment called @p name: no folders, no control or
 * reserved characters, no reserved device names (CON, NUL, COM1, ...), no leading dots, at most 120 characters
 * with the extension kept. Never empty.
 */
QString safeFileName(const QString &name);

/// Whether a file of @p mimeType (named @p fileName) is a program, script or launcher: HelpBoard never opens those
/// itself (opening could run them); people save them and run them from there.
bool isProgram(const QString &mimeType, const QString &fileName);

/// Whether an attachment of @p mimeType and @p size gets a thumbnail (pictures up to a size worth reading).
bool hasThumbnail(const QString &mimeType, qint64 size);

/// The local files a drag carries (from a file manager), or nothing when it carries anything else.
QStringList localFiles(const QMimeData *mime);

/// A picture's content @p bytes scaled down to fit @p size (aspect kept); null when it is not a picture Qt reads.
QImage thumbnail(const QByteArray &bytes, QSize size);

/// "2.3 MB", "512 bytes": sizes for people.
QString humanSize(qint64 bytes);

} // namespace hb::board::attachmentfiles
