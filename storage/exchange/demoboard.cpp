// SPDX-License-Identifier: GPL-3.0-or-later
#include "demoboard.h"

#include <storage/boardstore.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <functional>

namespace hb::storage {

namespace {

constexpr qint64 s_hourMs = 3600LL * 1000;

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::DemoBoard", text);
}

// One thing that happened to a demo card, replayed in time order so the history reads naturally.
struct Step
{
    qint64 at = 0;
    QString actor;
    std::function<Status()> apply;
};

template<typename T>
Status statusOf(const Result<T> &result)
{
    return result ? Status() : Status(result.error());
}

class DemoLoader
{
public:
    DemoLoader(BoardStore &store, QString dir)
        : m_store(store)
        , m_dir(std::move(dir))
        , m_base(store.now())
    { }

    Status load()
    {
        QFile file(QDir(m_dir).filePath(QStringLiteral("demo-board.json")));
        if (!file.open(QIODevice::ReadOnly))
            return Error{ErrorKind::NotFound, tr("the demo content is missing: %1").arg(file.errorString())};
        QJsonParseError parseError;
        const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &parseError).object();
        if (parseError.error != QJsonParseError::NoError)
            return Error{ErrorKind::Invalid,
                         tr("the demo content is not valid JSON: %1").arg(parseError.errorString())};

        const QString me = m_store.login();
        Status status = loadAll(root);
        m_store.setClock([] { return QDateTime::currentMSecsSinceEpoch(); });
        if (auto back = m_store.setLogin(me); !back && status)
            return back;
        return status;
    }

private:
    Status loadAll(const QJsonObject &root)
    {
        if (auto renamed = m_store.renameBoard(root.value(QStringLiteral("board")).toString()); !renamed)
            return renamed;
        for (const QJsonValue &value : root.value(QStringLiteral("members")).toArray()) {
            const QJsonObject member = value.toObject();
            const auto role = roleFromString(member.value(QStringLiteral("role")).toString());
            if (!role)
                return Error{ErrorKind::Invalid, tr("demo member with an unknown role")};
            const QString login = member.value(QStringLiteral("login")).toString();
            if (auto set = m_store.setMember(login, *role, member.value(QStringLiteral("name")).toString()); !set)
                return set;
            if (*role != Role::Viewer && m_someEditor.isEmpty())
                m_someEditor = login;
        }
        for (const QJsonValue &value : root.value(QStringLiteral("labels")).toArray()) {
            const QJsonObject label = value.toObject();
            auto id = m_store.createLabel(label.value(QStringLiteral("name")).toString(),
                                          label.value(QStringLiteral("color")).toString());
            if (!id)
                return id.error();
            m_labels.insert(label.value(QStringLiteral("name")).toString(), *id);
        }
        for (const QJsonValue &value : root.value(QStringLiteral("escalation_targets")).toArray()) {
            const QJsonObject json = value.toObject();
            EscalationTarget target;
            target.name = json.value(QStringLiteral("name")).toString();
            const auto kind = escalationKindFromString(json.value(QStringLiteral("kind")).toString());
            if (!kind)
                return Error{ErrorKind::Invalid, tr("demo escalation target with an unknown kind")};
            target.kind = *kind;
            target.contact = json.value(QStringLiteral("contact")).toString();
            target.notes = json.value(QStringLiteral("notes")).toString();
            auto id = m_store.createEscalationTarget(target);
            if (!id)
                return id.error();
            m_targets.insert(target.name, *id);
        }
        if (auto columns = loadColumns(root.value(QStringLiteral("columns")).toArray()); !columns)
            return columns;
        for (const QJsonValue &value : root.value(QStringLiteral("cards")).toArray()) {
            if (auto card = loadCard(value.toObject()); !card)
                return card;
        }
        for (const QJsonValue &value : root.value(QStringLiteral("articles")).toArray()) {
            if (auto article = loadArticle(value.toObject()); !article)
                return article;
        }
        return {};
    }

    /// A knowledge-base article, written by its author some time ago, and the tickets it solved linked to it.
    Status loadArticle(const QJsonObject &json)
    {
        Article article;
        article.title = json.value(QStringLiteral("title")).toString();
        article.body = json.value(QStringLiteral("body")).toString();
        for (const QJsonValue &label : json.value(QStringLiteral("labels")).toArray())
            article.labelIds << m_labels.value(label.toString());
        if (const QString name = json.value(QStringLiteral("template")).toString(); !name.isEmpty()) {
            auto templates = m_store.checklistTemplates();
            if (!templates)
                return templates.error();
            for (const ChecklistTemplate &each : std::as_const(*templates)) {
                if (each.name == name)
                    article.templateId = each.id;
            }
            if (!article.templateId)
                return Error{ErrorKind::Invalid, tr("demo article with an unknown template “%1”").arg(name)};
        }
        const QString author = json.value(QStringLiteral("author")).toString();
        m_store.setClock([at = hoursAgo(json.value(QStringLiteral("written_hours_ago")).toDouble())] { return at; });
        if (auto acting = m_store.setLogin(author); !acting)
            return acting;
        auto id = m_store.createArticle(article);
        if (!id)
            return Error{id.error().kind, tr("demo article “%1”: %2").arg(article.title, id.error().message)};
        m_store.setClock([at = m_base] { return at; });
        for (const QJsonValue &title : json.value(QStringLiteral("solved")).toArray()) {
            if (!m_cards.contains(title.toString()))
                return Error{ErrorKind::Invalid, tr("demo article solved an unknown card “%1”").arg(title.toString())};
            if (auto linked = m_store.linkArticle(m_cards.value(title.toString()), *id); !linked)
                return linked;
        }
        return {};
    }

    Status loadColumns(const QJsonArray &columns)
    {
        auto existing = m_store.columns();
        if (!existing)
            return existing.error();
        for (const Column &column : *existing)
            m_columns.insert(column.name, column);
        for (const QJsonValue &value : columns) {
            const QJsonObject column = value.toObject();
            const QString name = column.value(QStringLiteral("name")).toString();
            const auto kind = columnKindFromString(column.value(QStringLiteral("kind")).toString());
            if (!kind)
                return Error{ErrorKind::Invalid, tr("demo column “%1” has an unknown kind").arg(name)};
            if (!m_columns.contains(name)) {
                auto id = m_store.addColumn(name, *kind);
                if (!id)
                    return id.error();
                m_columns.insert(name, Column{*id, name, {}, 0, *kind, 1});
            }
            const int wip = column.value(QStringLiteral("wip")).toInt();
            if (auto set = m_store.setColumnWipLimit(m_columns.value(name).id, wip); !set)
                return set;
        }
        return {};
    }

    qint64 hoursAgo(double hours) const { return m_base - qint64(hours * double(s_hourMs)); }

    Status loadCard(const QJsonObject &json)
    {
        const QString columnName = json.value(QStringLiteral("column")).toString();
        if (!m_columns.contains(columnName))
            return Error{ErrorKind::Invalid, tr("demo card in unknown column “%1”").arg(columnName)};
        const Column target = m_columns.value(columnName);
        const Column first = firstOfKind(ColumnKind::Todo);
        const Column doing = firstOfKind(ColumnKind::Doing);
        const QString assignee = json.value(QStringLiteral("assignee")).toString();
        const QString worker = assignee.isEmpty() ? m_someEditor : assignee;
        const qint64 created = hoursAgo(json.value(QStringLiteral("created_hours_ago")).toDouble());
        auto after = [&](const char16_t *key) {
            return created + qint64(json.value(QString::fromUtf16(key)).toDouble() * double(s_hourMs));
        };

        NewCard card;
        card.columnId = first.id;
        card.title = json.value(QStringLiteral("title")).toString();
        card.description = json.value(QStringLiteral("description")).toString();
        card.priority =
                priorityFromString(json.value(QStringLiteral("priority")).toString()).value_or(Priority::Normal);
        card.status = statusFromString(json.value(QStringLiteral("status")).toString()).value_or(StatusTag::None);
        card.assignee = assignee;
        card.requester = json.value(QStringLiteral("requester")).toString();
        card.channel = channelFromString(json.value(QStringLiteral("channel")).toString()).value_or(Channel::None);
        if (json.contains(QStringLiteral("due_in_hours"))) {
            // Due times fall on the quarter hour, as people set them.
            constexpr qint64 s_quarterMs = s_hourMs / 4;
            const qint64 due =
                    m_base + qint64(json.value(QStringLiteral("due_in_hours")).toDouble() * double(s_hourMs));
            card.dueAt = due - due % s_quarterMs;
        }
        for (const QJsonValue &label : json.value(QStringLiteral("labels")).toArray())
            card.labelIds << m_labels.value(label.toString());

        qint64 id = 0;
        QList<Step> steps;
        steps << Step{created, m_someEditor, [&]() -> Status {
                          auto made = m_store.createCard(card);
                          if (made) {
                              id = *made;
                              m_cards.insert(card.title, id);
                          }
                          return statusOf(made);
                      }};
        qint64 itemTime = created + 60'000;
        for (const QJsonValue &value : json.value(QStringLiteral("checklist")).toArray()) {
            const QJsonObject item = value.toObject();
            const bool done = item.value(QStringLiteral("done")).toBool();
            steps << Step{itemTime, worker, [&, item, done]() -> Status {
                              auto added = m_store.addChecklistItem(id, item.value(QStringLiteral("text")).toString());
                              if (!added)
                                  return added.error();
                              return done ? m_store.setChecklistItemDone(*added, true) : Status();
                          }};
            itemTime += 60'000;
        }
        for (const QJsonValue &value : json.value(QStringLiteral("attachments")).toArray()) {
            const QString path = QDir(m_dir).filePath(value.toString());
            steps << Step{itemTime, worker,
                          [&, path]() -> Status { return statusOf(m_store.addAttachment(id, path)); }};
        }
        if (target.kind != ColumnKind::Todo && json.contains(QStringLiteral("first_response_after_hours"))) {
            steps << Step{after(u"first_response_after_hours"), worker,
                          [&]() -> Status { return statusOf(m_store.moveCard(id, doing.id)); }};
        }
        for (const QJsonValue &value : json.value(QStringLiteral("comments")).toArray()) {
            const QJsonObject comment = value.toObject();
            steps << Step{hoursAgo(comment.value(QStringLiteral("hours_ago")).toDouble()),
                          comment.value(QStringLiteral("author")).toString(), [&, comment]() -> Status {
                              return statusOf(m_store.addComment(id, comment.value(QStringLiteral("text")).toString()));
                          }};
        }
        if (json.contains(QStringLiteral("escalated_to"))) {
            const QString to = json.value(QStringLiteral("escalated_to")).toString();
            if (!m_targets.contains(to))
                return Error{ErrorKind::Invalid, tr("demo card escalated to unknown target “%1”").arg(to)};
            CardPatch escalate;
            escalate.escalation = Escalation{};
            escalate.escalation->targetId = m_targets.value(to);
            escalate.escalation->reference = json.value(QStringLiteral("escalation_reference")).toString();
            escalate.escalation->acknowledgedAt = json.value(QStringLiteral("vendor_acknowledged")).toBool() ? 1 : 0;
            steps << Step{created + s_hourMs, worker,
                          [&, escalate]() -> Status { return statusOf(m_store.updateCard(id, escalate)); }};
        }
        if (target.kind == ColumnKind::Done) {
            steps << Step{after(u"resolved_after_hours"), worker,
                          [&]() -> Status { return statusOf(m_store.moveCard(id, target.id)); }};
        } else if (target.id != first.id && target.id != doing.id) {
            steps << Step{created + 2 * s_hourMs, worker,
                          [&]() -> Status { return statusOf(m_store.moveCard(id, target.id)); }};
        }
        std::stable_sort(steps.begin(), steps.end(), [](const Step &a, const Step &b) { return a.at < b.at; });
        for (const Step &step : steps) {
            m_store.setClock([at = step.at] { return at; });
            if (auto acting = m_store.setLogin(step.actor); !acting)
                return acting;
            if (auto applied = step.apply(); !applied)
                return Error{applied.error().kind, tr("demo card “%1”: %2").arg(card.title, applied.error().message)};
        }
        return {};
    }

    Column firstOfKind(ColumnKind kind) const
    {
        Column found;
        for (const Column &column : m_columns) {
            if (column.kind == kind && (!found.id || column.id < found.id))
                found = column;
        }
        return found;
    }

    BoardStore &m_store;
    QString m_dir;
    qint64 m_base;
    QString m_someEditor;
    QHash<QString, qint64> m_labels;
    QHash<QString, qint64> m_targets;
    QHash<QString, qint64> m_cards; ///< by title
    QHash<QString, Column> m_columns;
};

} // namespace

Status populateDemoBoard(BoardStore &store, const QString &contentDir)
{
    // ~170 small changes; with an fsync each the first start would take seconds. In one transaction the file is
    // written once, and a demo board is either whole or not there at all.
    return store.inOneTransaction([&]() -> Status {
        if (auto loaded = DemoLoader(store, contentDir).load(); !loaded)
            return loaded;
        return store.setSetting(QStringLiteral("demo"), QStringLiteral("yes"));
    });
}

} // namespace hb::storage
