// SPDX-License-Identifier: GPL-3.0-or-later
#include "attachmentfiles.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace hb::board::attachmentfiles {

namespace {

constexpr qsizetype s_maxFileNameLength = 120;
constexpr qint64 s_maxThumbnailSource = 20LL * 1024 * 1024;

} // namespace

QString safeFileName(const QString &name)
{
    QString result;
    result.reserve(name.size());
    for (const QChar c : name) {
        // Folders, characters Windows refuses, and control characters all become "_".
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || QStringView(u"/\\:*?\"<>|").contains(c)) {
            result += QLatin1Char('_');
        } else {
            result += c;
        }
    }
    // No hidden files, no names Windows trims away (trailing dots and spaces).
    while (result.startsWith(QLatin1Char('.')) || result.startsWith(QLatin1Char(' ')))
        result.remove(0, 1);
    while (result.endsWith(QLatin1Char('.')) || result.endsWith(QLatin1Char(' ')))
        result.chop(1);
    if (result.isEmpty())
        result = QStringLiteral("attachment");
    // Device names are reserved on Windows whatever the extension: "con.txt" too.
    static const QRegularExpression s_reserved(
            QStringLiteral("^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\\$|conout\\$)(\\..*)?$"),
            QRegularExpression::CaseInsensitiveOption);
    if (s_reserved.match(result).hasMatch())
        result.prepend(QLatin1Char('_'));
    if (result.size() > s_maxFileNameLength) {
        const QString suffix = QFileInfo(result).suffix();
        const qsizetype keep = suffix.size() < 16 ? suffix.size() + 1 : 0;
        QString stem = result.left(s_maxFileNameLength - keep);
        // Never end in half of a surrogate pair (an emoji cut in two).
        if (!stem.isEmpty() && stem.back().isHighSurrogate())
            stem.chop(1);
        result = stem + (keep ? result.right(keep) : QString());
        while (result.endsWith(QLatin1Char('.')) || result.endsWith(QLatin1Char(' ')))
            result.chop(1);
    }
    return result;
}

bool isProgram(const QString &mimeType, const QString &fileName)
{
    const QMimeDatabase database;
    const QMimeType type = database.mimeTypeForName(mimeType);
    static const QStringList s_programTypes = {
            QStringLiteral("application/x-executable"),
            QStringLiteral("application/x-sharedlib"),
            QStringLiteral("application/x-shellscript"),
            QStringLiteral("application/x-desktop"),
            QStringLiteral("application/x-ms-dos-executable"),
            QStringLiteral("application/x-msdownload"),
            QStringLiteral("application/vnd.microsoft.portable-executable"),
            QStringLiteral("application/x-msi"),
            QStringLiteral("application/x-ms-shortcut"),
            QStringLiteral("application/x-bat"),
            QStringLiteral("application/x-perl"),
            QStringLiteral("text/x-python"),
            QStringLiteral("application/x-java-archive"),
            QStringLiteral("application/vnd.debian.binary-package"),
            QStringLiteral("application/x-rpm"),
    };
    for (const QString &program : s_programTypes) {
        if (mimeType == program || (type.isValid() && type.inherits(program)))
            return true;
    }
    // By name too: the type recorded may be plain "application/octet-stream" for an unknown package. The name it
    // is written under (safe) counts as much as the one it has ("x.vbs." is written as "x.vbs").
    static const QStringList s_programSuffixes = {
            QStringLiteral("exe"),         QStringLiteral("msi"),     QStringLiteral("msp"),
            QStringLiteral("bat"),         QStringLiteral("cmd"),     QStringLiteral("com"),
            QStringLiteral("scr"),         QStringLiteral("pif"),     QStringLiteral("cpl"),
            QStringLiteral("msc"),         QStringLiteral("hta"),     QStringLiteral("ps1"),
            QStringLiteral("psm1"),        QStringLiteral("psd1"),    QStringLiteral("vbs"),
            QStringLiteral("vbe"),         QStringLiteral("js"),      QStringLiteral("jse"),
            QStringLiteral("wsf"),         QStringLiteral("wsh"),     QStringLiteral("ws"),
            QStringLiteral("reg"),         QStringLiteral("scf"),     QStringLiteral("url"),
            QStringLiteral("lnk"),         QStringLiteral("inf"),     QStringLiteral("jar"),
            QStringLiteral("sh"),          QStringLiteral("bash"),    QStringLiteral("zsh"),
            QStringLiteral("csh"),         QStringLiteral("ksh"),     QStringLiteral("run"),
            QStringLiteral("bin"),         QStringLiteral("desktop"), QStringLiteral("app"),
            QStringLiteral("appimage"),    QStringLiteral("deb"),     QStringLiteral("rpm"),
            QStringLiteral("pkg"),         QStringLiteral("dmg"),     QStringLiteral("py"),
            QStringLiteral("pyw"),         QStringLiteral("pl"),      QStringLiteral("rb"),
            QStringLiteral("command"),     QStringLiteral("apk"),     QStringLiteral("appref-ms"),
            QStringLiteral("application"),
    };
    for (const QString &each : {fileName, safeFileName(fileName)}) {
        if (s_programSuffixes.contains(QFileInfo(each).suffix().toLower()))
            return true;
    }
    return false;
}

bool hasThumbnail(const QString &mimeType, qint64 size)
{
    static const QStringList s_pictures = {QStringLiteral("image/png"), QStringLiteral("image/jpeg"),
                                           QStringLiteral("image/gif"), QStringLiteral("image/bmp"),
                                           QStringLiteral("image/webp")};
    return size > 0 && size <= s_maxThumbnailSource && s_pictures.contains(mimeType);
}

QStringList localFiles(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    QStringList files;
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            return {};
        files << url.toLocalFile();
    }
    return files;
}

QImage thumbnail(const QByteArray &bytes, QSize size)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    // Scaled while decoding where the format can, so a large photo is never held at full size twice.
    const QSize original = reader.size();
    if (original.isValid())
        reader.setScaledSize(original.scaled(size, Qt::KeepAspectRatio).boundedTo(original));
    return reader.read();
}

QString humanSize(qint64 bytes)
{
    if (bytes == 1)
        return QCoreApplication::translate("hb::board::Attachments", "1 byte");
    if (bytes < 1024)
        return QCoreApplication::translate("hb::board::Attachments", "%1 bytes").arg(QLocale().toString(bytes));
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace hb::board::attachmentfiles
