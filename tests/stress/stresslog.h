// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The log a stress driver keeps of what it asked the board file to do and what the store answered; written by
// helpboard-stress-driver, read back by the stress and crash tests. One JSON object per line.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <unistd.h>

namespace hb::stress {

/// What the store answered: Ok, a Conflict or Busy (legitimate, nothing applied) or any other Error.
enum class Outcome { Ok, Conflict, Busy, Error };

inline QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Ok:
        return QStringLiteral("ok");
    case Outcome::Conflict:
        return QStringLiteral("conflict");
    case Outcome::Busy:
        return QStringLiteral("busy");
    case Outcome::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

inline Outcome outcomeFromName(const QString &name)
{
    if (name == u"ok")
        return Outcome::Ok;
    if (name == u"conflict")
        return Outcome::Conflict;
    if (name == u"busy")
        return Outcome::Busy;
    return Outcome::Error;
}

/// Operation kinds, as logged. Every kind but Create bumps its card's version by exactly one when it is applied.
namespace kind {
inline const QString create = QStringLiteral("create");
inline const QString edit = QStringLiteral("edit");
inline const QString move = QStringLiteral("move");
inline const QString comment = QStringLiteral("comment");
inline const QString checklistAdd = QStringLiteral("checklist-add");
inline const QString tick = QStringLiteral("tick");
inline const QString attach = QStringLiteral("attach");
} // namespace kind

/// The card.* / comment.* / ... event kind the store appends for an applied operation of @p opKind.
inline QString eventKindFor(const QString &opKind)
{
    if (opKind == kind::create)
        return QStringLiteral("card.created");
    if (opKind == kind::edit)
        return QStringLiteral("card.updated");
    if (opKind == kind::move)
        return QStringLiteral("card.moved");
    if (opKind == kind::comment)
        return QStringLiteral("comment.added");
    if (opKind == kind::checklistAdd)
        return QStringLiteral("checklist.added");
    if (opKind == kind::tick)
        return QStringLiteral("checklist.checked");
    if (opKind == kind::attach)
        return QStringLiteral("attachment.added");
    return {};
}

/// The kind BoardStore records in its `operations` table for an applied operation of @p opKind.
inline QString storeKindFor(const QString &opKind)
{
    if (opKind == kind::create)
        return QStringLiteral("card.create");
    if (opKind == kind::edit)
        return QStringLiteral("card.update");
    if (opKind == kind::move)
        return QStringLiteral("card.move");
    if (opKind == kind::comment)
        return QStringLiteral("comment.add");
    if (opKind == kind::checklistAdd)
        return QStringLiteral("checklist.add");
    if (opKind == kind::tick)
        return QStringLiteral("checklist.tick");
    if (opKind == kind::attach)
        return QStringLiteral("attachment.add");
    return {};
}

/// One logged operation. A "begin" record is written (and synced) before the call, a "done" record after it.
struct LoggedOp
{
    bool begin = false;
    QString kind;
    QUuid opId;
    qint64 cardId = 0;           ///< the card it acts on (for create: the new card, once known)
    qint64 itemId = 0;           ///< the new card, comment, checklist item or attachment; the item ticked
    qint64 expectedVersion = -1; ///< the version the caller sent (edit, move)
    qint64 version = -1;         ///< the version the store returned (edit, move)
    Outcome outcome = Outcome::Error;
    QString field;       ///< edit: title, description or requester
    QString value;       ///< edit: the new value; create: the title; comment: the body; checklist-add: the text
    qint64 columnId = 0; ///< move: where to
    QString fileName;    ///< attach: the source file's name (in the driver's folder) and the attachment's name
    QByteArray sha256;   ///< attach: of the source file
    qint64 size = 0;     ///< attach: of the source file
    int waits = 0;       ///< times the call waited for another writer (the store's wait observer)
    int retries = 0;     ///< the store's lastWriteRetries() after the call
    QString message;     ///< the error message, for anything but Ok
    int line = 0;        ///< where it is in its log (1-based), for failure messages

    QJsonObject toJson() const
    {
        QJsonObject json{{QStringLiteral("phase"), begin ? QStringLiteral("begin") : QStringLiteral("done")},
                         {QStringLiteral("kind"), kind},
                         {QStringLiteral("op"), opId.toString(QUuid::WithoutBraces)},
                         {QStringLiteral("card"), cardId}};
        if (!begin) {
            json.insert(QStringLiteral("outcome"), outcomeName(outcome));
            json.insert(QStringLiteral("version"), version);
            json.insert(QStringLiteral("waits"), waits);
            json.insert(QStringLiteral("retries"), retries);
        }
        if (itemId)
            json.insert(QStringLiteral("item"), itemId);
        if (expectedVersion >= 0)
            json.insert(QStringLiteral("expected"), expectedVersion);
        if (!field.isEmpty())
            json.insert(QStringLiteral("field"), field);
        if (!value.isEmpty())
            json.insert(QStringLiteral("value"), value);
        if (columnId)
            json.insert(QStringLiteral("column"), columnId);
        if (!fileName.isEmpty()) {
            json.insert(QStringLiteral("file"), fileName);
            json.insert(QStringLiteral("sha256"), QString::fromLatin1(sha256));
            json.insert(QStringLiteral("size"), size);
        }
        if (!message.isEmpty())
            json.insert(QStringLiteral("message"), message);
        return json;
    }

    static LoggedOp fromJson(const QJsonObject &json)
    {
        LoggedOp op;
        op.begin = json.value(QStringLiteral("phase")).toString() == u"begin";
        op.kind = json.value(QStringLiteral("kind")).toString();
        op.opId = QUuid::fromString(json.value(QStringLiteral("op")).toString());
        op.cardId = json.value(QStringLiteral("card")).toInteger();
        op.itemId = json.value(QStringLiteral("item")).toInteger();
        op.expectedVersion = json.value(QStringLiteral("expected")).toInteger(-1);
        op.version = json.value(QStringLiteral("version")).toInteger(-1);
        op.outcome = outcomeFromName(json.value(QStringLiteral("outcome")).toString());
        op.field = json.value(QStringLiteral("field")).toString();
        op.value = json.value(QStringLiteral("value")).toString();
        op.columnId = json.value(QStringLiteral("column")).toInteger();
        op.fileName = json.value(QStringLiteral("file")).toString();
        op.sha256 = json.value(QStringLiteral("sha256")).toString().toLatin1();
        op.size = json.value(QStringLiteral("size")).toInteger();
        op.waits = json.value(QStringLiteral("waits")).toInt();
        op.retries = json.value(QStringLiteral("retries")).toInt();
        op.message = json.value(QStringLiteral("message")).toString();
        return op;
    }
};

/// Appends one record to @p file and pushes it out of the process (with @p sync, to the disk as well), so that a
/// SIGKILL right after this returns cannot lose it.
inline bool appendRecord(QFile &file, const LoggedOp &op, bool sync)
{
    const QByteArray line = QJsonDocument(op.toJson()).toJson(QJsonDocument::Compact) + '\n';
    if (file.write(line) != line.size() || !file.flush())
        return false;
    return !sync || ::fsync(file.handle()) == 0;
}

/**
 * The records of a log, in order. A last line cut short (the writer was killed while writing it) is left out; any
 * other line that does not parse makes @p error non-empty.
 */
inline QList<LoggedOp> readLog(const QString &path, QString *error)
{
    QList<LoggedOp> records;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return records;
    }
    int line = 0;
    while (!file.atEnd()) {
        const QByteArray text = file.readLine();
        ++line;
        const bool complete = text.endsWith('\n');
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            if (!complete && file.atEnd())
                break;
            *error = QStringLiteral("%1:%2: not a log record: %3").arg(path).arg(line).arg(QString::fromUtf8(text));
            return records;
        }
        LoggedOp op = LoggedOp::fromJson(document.object());
        op.line = line;
        records << op;
    }
    return records;
}

} // namespace hb::stress
