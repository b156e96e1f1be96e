// SPDX-License-Identifier: GPL-3.0-or-later
#include "historytext.h"

#include "cardfields.h"

#include <storage/eventkinds.h>
#include <storage/records.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace hb::board {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::History", text);
}

QString quoted(const QString &text)
{
    return tr("“%1”").arg(text);
}

QString dueText(const QJsonValue &value)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble())), QLocale::ShortFormat);
}

/// What a change of a card's escalation did (the values are escalationJson()'s: null, or the escalation).
QString describeEscalation(const QJsonValue &from, const QJsonValue &to)
{
    const QJsonObject before = from.toObject();
    const QJsonObject after = to.toObject();
    const auto target = [](const QJsonObject &escalation) {
        return escalation.value(QStringLiteral("target")).toString();
    };
    if (!to.isObject())
        return tr("took back the escalation to %1").arg(target(before));
    const QString reference = after.value(QStringLiteral("reference")).toString();
    if (!from.isObject() || target(before) != target(after)
        || before.value(QStringLiteral("target_id")) != after.value(QStringLiteral("target_id"))) {
        const QString escalated = from.isObject()
                                          ? tr("handed the escalation from %1 to %2").arg(target(before), target(after))
                                          : tr("escalated it to %1").arg(target(after));
        return reference.isEmpty() ? escalated : tr("%1 (case %2)").arg(escalated, quoted(reference));
    }
    QStringList parts;
    const auto flag = [&](const char *key) {
        return std::pair(before.value(QLatin1String(key)).toBool(), after.value(QLatin1String(key)).toBool());
    };
    if (const auto [was, is] = flag("acknowledged"); was != is)
        parts << (is ? tr("noted that %1 acknowledged it") : tr("noted that %1 has not acknowledged it"))
                         .arg(target(after));
    if (const auto [was, is] = flag("resolved"); was != is)
        parts << (is ? tr("noted that %1 resolved it") : tr("noted that %1 has not resolved it")).arg(target(after));
    if (before.value(QStringLiteral("reference")) != after.value(QStringLiteral("reference"))) {
        parts << (reference.isEmpty() ? tr("cleared the case number of %1").arg(target(after))
                                      : tr("set the case number of %1 to %2").arg(target(after), quoted(reference)));
    }
    if (before.value(QStringLiteral("note")) != after.value(QStringLiteral("note")))
        parts << tr("edited the escalation note");
    return parts.join(QStringLiteral("; "));
}

// One field of a card.updated event.
QString describeChange(const QString &field, const QJsonObject &change,
                       const std::function<QString(const QString &login)> &nameOf)
{
    const QJsonValue from = change.value(QStringLiteral("from"));
    const QJsonValue to = change.value(QStringLiteral("to"));
    if (field == u"title")
        return tr("renamed it from %1 to %2").arg(quoted(from.toString()), quoted(to.toString()));
    if (field == u"description")
        return tr("edited the description");
    if (field == u"assignee") {
        const auto name = [&nameOf](const QJsonValue &login) {
            return nameOf ? nameOf(login.toString()) : login.toString();
        };
        if (to.toString().isEmpty())
            return tr("unassigned it from %1").arg(name(from));
        return tr("assigned it to %1").arg(name(to));
    }
    if (field == u"due") {
        if (to.isNull())
            return tr("cleared the due date");
        return tr("set the due date to %1").arg(dueText(to));
    }
    if (field == u"escalated") // before escalations named a target (schema 4)
        return to.toBool() ? tr("escalated it") : tr("took back the escalation");
    if (field == u"escalation")
        return describeEscalation(from, to);
    if (field == u"requester")
        return tr("set the requester to %1").arg(quoted(to.toString()));
    if (field == u"first_contact")
        return to.toBool() ? tr("marked it resolved at first contact") : tr("unmarked it as resolved at first contact");
    // priority, status, channel: stored in stable spellings ("needs-review"), read as the board names them
    const auto name = [&field](const QJsonValue &value) {
        const QString text = value.toString();
        if (field == u"priority") {
            if (const auto priority = storage::priorityFromString(text))
                return priorityText(*priority);
        } else if (field == u"status") {
            if (const auto status = storage::statusFromString(text))
                return statusText(*status);
        } else if (const auto channel = storage::channelFromString(text)) {
            return channelText(*channel);
        }
        return text.isEmpty() ? tr("none") : QString(text).replace(QLatin1Char('-'), QLatin1Char(' '));
    };
    const QString what = field == u"priority" ? tr("priority") : field == u"status" ? tr("status") : tr("channel");
    return tr("changed the %1 from %2 to %3").arg(what, name(from), name(to));
}

} // namespace

QString describeEvent(const storage::Event &event, const std::function<QString(const QString &login)> &nameOf)
{
    const QJsonObject payload = QJsonDocument::fromJson(event.payload).object();
    const auto text = [&payload](const char *key) { return payload.value(QLatin1String(key)).toString(); };
    const QString &kind = event.kind;
    if (kind == storage::eventkind::CardCreated)
        return tr("created it in %1").arg(text("column"));
    if (kind == storage::eventkind::CardMoved) {
        if (text("from_column") == text("to_column"))
            return tr("moved it within %1").arg(text("to_column"));
        return tr("moved it from %1 to %2").arg(text("from_column"), text("to_column"));
    }
    if (kind == storage::eventkind::CardUpdated) {
        const QJsonObject changes = payload.value(QStringLiteral("changes")).toObject();
        QStringList parts;
        for (auto it = changes.begin(); it != changes.end(); ++it)
            parts << describeChange(it.key(), it.value().toObject(), nameOf);
        return parts.join(QStringLiteral("; "));
    }
    if (kind == storage::eventkind::ChecklistTemplateApplied) {
        const int count = payload.value(QStringLiteral("count")).toInt();
        if (count == 1)
            return tr("added the checklist template %1 (1 item)").arg(quoted(text("template")));
        return tr("added the checklist template %1 (%2 items)").arg(quoted(text("template")), QString::number(count));
    }
    // Events told by a sentence with at most one value of the payload in it.
    struct Sentence
    {
        QStringView kind;
        const char *text;
        const char *key = nullptr; ///< the payload value for %1
        bool quote = false;        ///< that value is people's text: in quotes
    };
    static constexpr Sentence s_sentences[] = {
            {storage::eventkind::CardArchived, QT_TRANSLATE_NOOP("hb::board::History", "archived it")},
            {storage::eventkind::CardRestored, QT_TRANSLATE_NOOP("hb::board::History", "brought it back")},
            {storage::eventkind::CardDeleted, QT_TRANSLATE_NOOP("hb::board::History", "deleted it")},
            {storage::eventkind::CardLabelAdded, QT_TRANSLATE_NOOP("hb::board::History", "added the label %1"),
             "label"},
            {storage::eventkind::CardLabelRemoved, QT_TRANSLATE_NOOP("hb::board::History", "removed the label %1"),
             "label"},
            {storage::eventkind::ChecklistAdded, QT_TRANSLATE_NOOP("hb::board::History", "added %1 to the checklist"),
             "text", true},
            {storage::eventkind::ChecklistChecked, QT_TRANSLATE_NOOP("hb::board::History", "ticked %1"), "text", true},
            {storage::eventkind::ChecklistUnchecked, QT_TRANSLATE_NOOP("hb::board::History", "unticked %1"), "text",
             true},
            {storage::eventkind::ChecklistEdited,
             QT_TRANSLATE_NOOP("hb::board::History", "changed the checklist item to %1"), "text", true},
            {storage::eventkind::ChecklistMoved,
             QT_TRANSLATE_NOOP("hb::board::History", "reordered %1 in the checklist"), "text", true},
            {storage::eventkind::ChecklistDeleted,
             QT_TRANSLATE_NOOP("hb::board::History", "removed %1 from the checklist"), "text", true},
            {storage::eventkind::ChecklistRestored,
             QT_TRANSLATE_NOOP("hb::board::History", "put %1 back on the checklist"), "text", true},
            {storage::eventkind::CommentAdded, QT_TRANSLATE_NOOP("hb::board::History", "commented: %1"), "text", true},
            {storage::eventkind::CommentEdited, QT_TRANSLATE_NOOP("hb::board::History", "edited a comment")},
            {storage::eventkind::CommentDeleted, QT_TRANSLATE_NOOP("hb::board::History", "deleted a comment")},
            {storage::eventkind::CommentRestored, QT_TRANSLATE_NOOP("hb::board::History", "brought back a comment")},
            {storage::eventkind::AttachmentAdded, QT_TRANSLATE_NOOP("hb::board::History", "attached %1"), "name", true},
            {storage::eventkind::AttachmentLinked, QT_TRANSLATE_NOOP("hb::board::History", "linked %1"), "path", true},
            {storage::eventkind::AttachmentRemoved,
             QT_TRANSLATE_NOOP("hb::board::History", "removed the attachment %1"), "name", true},
            {storage::eventkind::AttachmentRestored,
             QT_TRANSLATE_NOOP("hb::board::History", "put back the attachment %1"), "name", true},
            {storage::eventkind::CardArticleLinked,
             QT_TRANSLATE_NOOP("hb::board::History", "solved it with the article %1"), "title", true},
            {storage::eventkind::CardArticleUnlinked,
             QT_TRANSLATE_NOOP("hb::board::History", "took off the article %1"), "title", true},
    };
    for (const Sentence &sentence : s_sentences) {
        if (kind != sentence.kind)
            continue;
        const QString line = tr(sentence.text);
        if (!sentence.key)
            return line;
        return line.arg(sentence.quote ? quoted(text(sentence.key)) : text(sentence.key));
    }
    return kind; // a kind a newer HelpBoard wrote
}

} // namespace hb::board
