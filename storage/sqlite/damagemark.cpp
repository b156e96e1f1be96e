// SPDX-License-Identifier: GPL-3.0-or-later
#include "damagemark.h"

#include "keptfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QSysInfo>
#include <QtEndian>

namespace hb::storage {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::DamageMark", text);
}

/// Control characters (a terminal escape, a newline) become spaces, and the text is cut to @p maxLength.
QString cleaned(const QString &text, int maxLength)
{
    QString result = text.left(maxLength);
    for (QChar &c : result) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format || c.isSurrogate())
            c = QLatin1Char(' ');
    }
    return result;
}

QString loginOf(const QString &given)
{
    if (!given.isEmpty())
        return given;
    for (const char *variable : {"HELPBOARD_LOGIN", "USER", "USERNAME", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(variable);
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("unknown");
}

} // namespace

QString DamageMark::pathFor(const QString &boardPath)
{
    return QFileInfo(boardPath).absoluteFilePath() + QStringLiteral("-damaged");
}

DamageMark DamageMark::make(const QString &boardPath, const QString &reason, const QString &login)
{
    DamageMark mark;
    mark.reason = cleaned(reason, s_maxReasonLength);
    mark.time = QDateTime::currentMSecsSinceEpoch();
    mark.host = cleaned(QSysInfo::machineHostName(), s_maxNameLength);
    mark.login = cleaned(loginOf(login), s_maxNameLength);
    mark.fingerprint = fingerprintOf(boardPath);
    return mark;
}

std::optional<DamageMark> DamageMark::parse(const QByteArray &bytes, QString *problem)
{
    const auto refuse = [&](const QString &why) -> std::optional<DamageMark> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    if (bytes.size() > s_maxFileSize)
        return refuse(tr("the damage mark is larger than %1 bytes").arg(s_maxFileSize));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return refuse(tr("the damage mark is not JSON (%1)").arg(error.errorString()));
    if (!document.isObject())
        return refuse(tr("the damage mark is not a JSON object"));
    const QJsonObject object = document.object();
    const QJsonValue reason = object.value(QStringLiteral("reason"));
    const QJsonValue time = object.value(QStringLiteral("time"));
    if (!reason.isString() || reason.toString().trimmed().isEmpty())
        return refuse(tr("the damage mark has no reason"));
    if (!time.isDouble() || time.toDouble() < 0 || time.toDouble() > 253402300799000.0)
        return refuse(tr("the damage mark has no valid time"));
    DamageMark mark;
    mark.reason = cleaned(reason.toString(), s_maxReasonLength);
    mark.time = qint64(time.toDouble());
    mark.host = cleaned(object.value(QStringLiteral("host")).toString(), s_maxNameLength);
    mark.login = cleaned(object.value(QStringLiteral("login")).toString(), s_maxNameLength);
    mark.fingerprint = cleaned(object.value(QStringLiteral("fingerprint")).toString(), s_maxNameLength);
    return mark;
}

bool DamageMark::exists(const QString &boardPath)
{
    // A dangling link or anything else there still counts: only "nothing at all" is no mark.
    return QFileInfo(pathFor(boardPath)).exists() || QFileInfo(pathFor(boardPath)).isSymLink();
}

std::optional<DamageMark> DamageMark::read(const QString &boardPath)
{
    if (!exists(boardPath))
        return std::nullopt;
    QFile file(pathFor(boardPath));
    QString problem;
    std::optional<DamageMark> mark;
    if (!file.open(QIODevice::ReadOnly))
        problem = file.errorString();
    else
        mark = parse(file.read(s_maxFileSize + 1), &problem);
    if (mark)
        return mark;
    DamageMark unreadable;
    unreadable.reason = tr("a damage mark is beside the board (%1: %2)").arg(pathFor(boardPath), problem);
    return unreadable;
}

Status DamageMark::write(const QString &boardPath, const DamageMark &mark)
{
    if (exists(boardPath))
        return {}; // the first finder's words stay
    QSaveFile file(pathFor(boardPath));
    const QByteArray bytes = mark.toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return Error{ErrorKind::Io,
                     tr("cannot write the damage mark %1: %2").arg(pathFor(boardPath), file.errorString())};
    }
    return {};
}

Status DamageMark::clear(const QString &boardPath)
{
    QFile file(pathFor(boardPath));
    if (exists(boardPath) && !file.remove())
        return Error{ErrorKind::Io,
                     tr("cannot remove the damage mark %1: %2").arg(file.fileName(), file.errorString())};
    return {};
}

QString DamageMark::fingerprintOf(const QString &boardPath)
{
    // Never a descriptor of our own: closing it would drop this process's locks on the board (keptfile.h).
    const qint64 fileSize = keptfile::size(boardPath);
    QByteArray header(100, Qt::Uninitialized);
    const qint64 got = fileSize < 0 ? -1 : keptfile::read(boardPath, header.data(), header.size(), 0);
    if (got < 0)
        return {};
    header.truncate(got);
    const bool sqlite = header.size() == 100 && header.startsWith(QByteArrayLiteral("SQLite format 3\0"));
    const quint32 counter =
            sqlite ? qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(header.constData()) + 24) : 0;
    return QStringLiteral("%1:%2").arg(fileSize).arg(counter);
}

QByteArray DamageMark::toJson() const
{
    const QJsonObject object{{QStringLiteral("reason"), reason},
                             {QStringLiteral("time"), double(time)},
                             {QStringLiteral("host"), host},
                             {QStringLiteral("login"), login},
                             {QStringLiteral("fingerprint"), fingerprint}};
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QString DamageMark::describe() const
{
    if (time <= 0 && host.isEmpty())
        return reason;
    const QString when = QDateTime::fromMSecsSinceEpoch(time).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return tr("%1 (found by %2 on %3, %4)")
            .arg(reason, login.isEmpty() ? tr("someone") : login, host.isEmpty() ? tr("a computer") : host, when);
}

} // namespace hb::storage
