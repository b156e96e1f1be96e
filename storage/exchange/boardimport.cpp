// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardimport.h"

#include "importwords.h"

#include <storage/boardstore.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace hb::storage {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::boardimport", text);
}

QString nameList(const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted << QStringLiteral("“%1”").arg(name);
    return quoted.join(QStringLiteral(", "));
}

/// How a column's name is matched: "To Do" is the board's "To-do"; a name of no letters (emoji) as it is.
QString columnKey(const QString &name)
{
    const QString folded = importwords::folded(name);
    return folded.isEmpty() ? name.trimmed().toCaseFolded() : folded;
}

/// The board's columns, labels and people, and how the plan's names map to them: made only for the cards that are
/// written (@p cards), so an import that brings nothing new writes nothing.
class Targets
{
public:
    Targets(BoardStore &store, const ImportPlan &plan, const QList<const ImportPlan::Card *> &cards,
            ImportSummary &summary)
        : m_store(store)
        , m_plan(plan)
        , m_cards(cards)
        , m_summary(summary)
    { }

    /// @p everyColumn: also the plan's named columns no card goes to (a Trello board's empty lists, first import).
    Status resolve(bool everyColumn)
    {
        if (auto status = resolveColumns(everyColumn); !status)
            return status;
        if (auto status = resolveLabels(); !status)
            return status;
        return resolvePeople();
    }

    qint64 columnId(int index) const { return m_columnIds.value(index); }
    QList<qint64> labelIds(const QStringList &names) const
    {
        QList<qint64> ids;
        for (const QString &name : names) {
            const qint64 id = m_labelIds.value(name.trimmed().toCaseFolded());
            if (id && !ids.contains(id))
                ids << id;
        }
        return ids;
    }

private:
    Status resolveColumns(bool everyColumn)
    {
        auto columns = m_store.columns();
        if (!columns)
            return columns.error();
        QHash<QString, qint64> byName;
        QHash<ColumnKind, qint64> firstOfKind;
        for (const Column &column : *columns) {
            byName.insert(columnKey(column.name), column.id);
            if (!firstOfKind.contains(column.kind))
                firstOfKind.insert(column.kind, column.id);
        }
        QSet<int> used;
        for (const ImportPlan::Card *card : m_cards)
            used << card->column;
        QStringList missing;
        // A new column goes after the one the plan names before it (a Trello board's lists keep their order).
        qint64 previous = 0;
        const qint64 first = columns->isEmpty() ? 0 : columns->constFirst().id;
        for (int i = 0; i < m_plan.columns.size(); ++i) {
            const ImportPlan::Column &column = m_plan.columns.at(i);
            if (!used.contains(i) && (column.anyOfKind || !everyColumn))
                continue;
            qint64 id = byName.value(columnKey(column.name));
            if (!id && column.anyOfKind)
                id = firstOfKind.value(column.kind);
            if (!id) {
                if (m_store.role() != Role::Admin) {
                    missing << column.name;
                    continue;
                }
                auto added = m_store.addColumn(column.name.trimmed(), column.kind, 0,
                                               previous ? Placement{0, previous} : Placement{first, 0});
                if (!added)
                    return Error{added.error().kind, tr("column “%1”: %2").arg(column.name, added.error().message)};
                id = *added;
                byName.insert(columnKey(column.name), id);
                if (!firstOfKind.contains(column.kind))
                    firstOfKind.insert(column.kind, id);
                m_summary.columnsCreated << column.name.trimmed();
            }
            m_columnIds.insert(i, id);
            previous = id;
        }
        if (!missing.isEmpty()) {
            return Error{ErrorKind::Forbidden,
                         tr("the board has no column %1, and only an admin can add columns: ask an admin to import "
                            "this, or add the columns first")
                                 .arg(nameList(missing))};
        }
        return {};
    }

    Status resolveLabels()
    {
        auto labels = m_store.labels();
        if (!labels)
            return labels.error();
        for (const Label &label : *labels)
            m_labelIds.insert(label.name.toCaseFolded(), label.id);
        QSet<QString> used;
        for (const ImportPlan::Card *card : m_cards) {
            for (const QString &name : card->labels)
                used << name.trimmed().toCaseFolded();
        }
        for (const ImportPlan::Label &label : m_plan.labels) {
            const QString key = label.name.trimmed().toCaseFolded();
            if (key.isEmpty() || m_labelIds.contains(key) || !used.contains(key))
                continue;
            auto created = m_store.createLabel(label.name.trimmed(), label.color);
            if (!created)
                return Error{created.error().kind, tr("label “%1”: %2").arg(label.name, created.error().message)};
            m_labelIds.insert(key, *created);
            m_summary.labelsCreated << label.name.trimmed();
        }
        return {};
    }

    Status resolvePeople()
    {
        auto members = m_store.members();
        if (!members)
            return members.error();
        QSet<QString> known;
        for (const Member &member : *members)
            known << member.login;
        // Only the people the written cards name.
        QSet<QString> named;
        for (const ImportPlan::Card *card : m_cards) {
            const ImportedCard &imported = card->card;
            named << imported.card.assignee << imported.createdBy << imported.resolvedBy;
            for (const ImportedCard::Comment &comment : imported.comments)
                named << comment.author;
        }
        QList<ImportPlan::Person> missing;
        for (const ImportPlan::Person &person : m_plan.people) {
            if (!person.login.isEmpty() && named.contains(person.login) && !known.contains(person.login)) {
                known << person.login;
                missing << person;
            }
        }
        if (missing.isEmpty())
            return {};
        if (m_store.role() != Role::Admin) {
            QStringList logins;
            for (const ImportPlan::Person &person : std::as_const(missing))
                logins << person.login;
            return Error{ErrorKind::Forbidden,
                         tr("the file names people who are not members of the board (%1), and only an admin can "
                            "add members: ask an admin to import this, or add them first")
                                 .arg(nameList(logins))};
        }
        auto setting = m_store.setting(QStringLiteral("default_role"));
        const Role role = roleFromString(setting.value_or(QString())).value_or(Role::Editor);
        for (const ImportPlan::Person &person : std::as_const(missing)) {
            if (auto added = m_store.setMember(person.login, role, person.displayName); !added)
                return Error{added.error().kind, tr("member “%1”: %2").arg(person.login, added.error().message)};
            m_summary.membersAdded << person.login;
        }
        return {};
    }

    BoardStore &m_store;
    const ImportPlan &m_plan;
    const QList<const ImportPlan::Card *> &m_cards;
    ImportSummary &m_summary;
    QHash<int, qint64> m_columnIds;
    QHash<QString, qint64> m_labelIds;
};

/// The fields of @p card that a re-import brings up to date, as they are in the source.
CardPatch patchFrom(const NewCard &card)
{
    CardPatch patch;
    patch.title = card.title.trimmed();
    patch.description = card.description;
    patch.priority = card.priority;
    patch.status = card.status;
    patch.assignee = card.assignee;
    patch.requester = card.requester.trimmed();
    patch.channel = card.channel;
    patch.dueAt = card.dueAt;
    return patch;
}

/// The fields of @p planned as the source says them, as kept with the card (CardSource::fields): at the next import,
/// what the source changed since is what differs from these.
QJsonObject sourceFields(const ImportPlan &plan, const ImportPlan::Card &planned)
{
    const NewCard &card = planned.card.card;
    QStringList labels;
    for (const QString &label : planned.labels)
        labels << label.trimmed().toCaseFolded();
    labels.sort();
    return {{QStringLiteral("title"), card.title.trimmed()},
            {QStringLiteral("description"), card.description},
            {QStringLiteral("priority"), toText(card.priority)},
            {QStringLiteral("status"), toText(card.status)},
            {QStringLiteral("assignee"), card.assignee},
            {QStringLiteral("requester"), card.requester.trimmed()},
            {QStringLiteral("channel"), toText(card.channel)},
            {QStringLiteral("due"), QString::number(card.dueAt)},
            {QStringLiteral("column"), plan.columns.value(planned.column).name},
            {QStringLiteral("labels"), QJsonArray::fromStringList(labels)}};
}

/// @p patch without the fields the source has not changed since @p before (what it said at the last import): a
/// colleague's edit of a field the source left alone stays. An empty @p before: every field the source has.
CardPatch onlySourceChanges(CardPatch patch, const QJsonObject &before, const QJsonObject &now)
{
    if (before.isEmpty())
        return patch;
    const auto keep = [&](auto &field, const char *key) {
        if (before.value(QLatin1String(key)) == now.value(QLatin1String(key)))
            field.reset();
    };
    keep(patch.title, "title");
    keep(patch.description, "description");
    keep(patch.priority, "priority");
    keep(patch.status, "status");
    keep(patch.assignee, "assignee");
    keep(patch.requester, "requester");
    keep(patch.channel, "channel");
    keep(patch.dueAt, "due");
    return patch;
}

/// @p patch without the fields @p current has as it says already (an update that changes nothing is no event).
CardPatch onlyChanges(CardPatch patch, const Card &current)
{
    const auto drop = [](auto &field, const auto &now) {
        if (field && *field == now)
            field.reset();
    };
    drop(patch.title, current.title);
    drop(patch.description, current.description);
    drop(patch.priority, current.priority);
    drop(patch.status, current.status);
    drop(patch.assignee, current.assignee);
    drop(patch.requester, current.requester);
    drop(patch.channel, current.channel);
    drop(patch.dueAt, current.dueAt);
    return patch;
}

/// Marks an import that ran to check itself only, so that its transaction is rolled back.
const QString s_dryRunMark = QStringLiteral("\x01dry run\x01");

} // namespace

QString ImportNote::text() const
{
    if (line > 0)
        return tr("line %1: %2").arg(line).arg(what);
    if (!where.isEmpty())
        return tr("%1: %2").arg(where, what);
    return what;
}

QStringList ImportSummary::lines() const
{
    QStringList result;
    using importwords::counted;
    const QString cards = counted(created, tr("%1 card"), tr("%1 cards"));
    const QString what = tr("%1 (%2 archived), %3, %4, %5")
                                 .arg(cards)
                                 .arg(archived)
                                 .arg(counted(comments, tr("%1 comment"), tr("%1 comments")),
                                      counted(checklistItems, tr("%1 checklist item"), tr("%1 checklist items")),
                                      counted(links, tr("%1 link"), tr("%1 links")));
    result << (dryRun ? tr("would import: %1") : tr("imported: %1")).arg(what);
    if (updated) {
        result << tr("imported before and updated with what the source changed since: %1")
                          .arg(counted(updated, tr("%1 card"), tr("%1 cards")));
    }
    if (changedSkipped) {
        result << tr("imported before and changed in the source since, left as they are: %1 (import again with "
                     "updating on to bring the changes in)")
                          .arg(counted(changedSkipped, tr("%1 card"), tr("%1 cards")));
    }
    if (unchanged) {
        result << tr("imported before and unchanged in the source: %1")
                          .arg(counted(unchanged, tr("%1 card"), tr("%1 cards")));
    }
    if (!columnsCreated.isEmpty())
        result << tr("new columns: %1").arg(nameList(columnsCreated));
    if (!labelsCreated.isEmpty())
        result << tr("new labels: %1").arg(nameList(labelsCreated));
    if (!membersAdded.isEmpty())
        result << tr("new members: %1").arg(nameList(membersAdded));
    if (!skipped.isEmpty()) {
        result << tr("skipped (%1):").arg(skipped.size());
        for (const ImportNote &note : skipped)
            result << QStringLiteral("  ") + note.text();
    }
    if (!notes.isEmpty()) {
        result << tr("worth knowing (%1):").arg(notes.size());
        for (const ImportNote &note : notes)
            result << QStringLiteral("  ") + note.text();
    }
    return result;
}

namespace boardimport {

QString fingerprint(const ImportPlan &plan, const ImportPlan::Card &planned)
{
    const ImportedCard &imported = planned.card;
    const NewCard &card = imported.card;
    QStringList labels;
    for (const QString &label : planned.labels)
        labels << label.trimmed().toCaseFolded();
    labels.sort();
    QJsonArray items;
    for (const ImportedCard::Item &item : imported.checklist)
        items << QJsonArray{item.text, item.done};
    QJsonArray comments;
    for (const ImportedCard::Comment &comment : imported.comments)
        comments << QJsonArray{comment.author, QString::number(comment.at), comment.body};
    const QJsonArray fields{card.title.trimmed(),
                            card.description,
                            plan.columns.value(planned.column).name,
                            toText(card.priority),
                            toText(card.status),
                            card.assignee,
                            card.requester.trimmed(),
                            toText(card.channel),
                            QString::number(card.dueAt),
                            QJsonArray::fromStringList(labels),
                            QString::number(imported.resolvedAt),
                            imported.archivedAt > 0,
                            items,
                            comments,
                            QJsonArray::fromStringList(imported.links)};
    return QString::fromLatin1(
            QCryptographicHash::hash(QJsonDocument(fields).toJson(QJsonDocument::Compact), QCryptographicHash::Sha1)
                    .toHex());
}

Result<ImportSummary> apply(BoardStore &store, const ImportPlan &plan, const Options &options)
{
    ImportSummary summary;
    const qint64 total = plan.cards.size();
    const QString cancelled = tr("the import was cancelled; nothing was changed");
    bool stopped = false; // the progress said to stop
    const auto goOn = [&](qint64 done, qint64 of) {
        if (options.progress && !options.progress(done, of))
            stopped = true;
        return !stopped;
    };
    const Status status = store.inOneTransaction([&]() -> Status {
        stopped = false;
        summary = ImportSummary{};
        summary.dryRun = options.dryRun;
        summary.skipped = plan.skipped;
        summary.notes = plan.notes;
        QHash<QString, CardSource> known;
        if (!plan.source.isEmpty()) {
            auto sources = store.cardSources(plan.source);
            if (!sources)
                return sources.error();
            known = *sources;
        }

        // Which cards are new, which the source changed since they were imported, which it left as they were.
        struct Update
        {
            const ImportPlan::Card *planned;
            CardSource source;
            QString before; ///< the fields the source said at the last import
        };
        QList<const ImportPlan::Card *> fresh;
        QList<CardSource> freshSources;
        QList<Update> updates;
        QSet<QString> seen;
        for (const ImportPlan::Card &planned : plan.cards) {
            const QString sourceId = planned.sourceId.trimmed();
            if (!sourceId.isEmpty() && !plan.source.isEmpty()) {
                if (seen.contains(sourceId)) {
                    summary.skipped << ImportNote{
                            planned.line, tr("card “%1”").arg(planned.card.card.title.left(60)),
                            tr("ticket %1 came earlier in the file; this one is left out").arg(sourceId)};
                    continue;
                }
                seen << sourceId;
            }
            CardSource source;
            source.source = plan.source;
            source.sourceId = sourceId;
            source.fingerprint = fingerprint(plan, planned);
            source.fields =
                    QString::fromUtf8(QJsonDocument(sourceFields(plan, planned)).toJson(QJsonDocument::Compact));
            if (!sourceId.isEmpty() && known.contains(sourceId)) {
                const CardSource &before = known.value(sourceId);
                source.cardId = before.cardId;
                if (before.fingerprint == source.fingerprint)
                    ++summary.unchanged;
                else if (options.reimport == ReimportMode::Update)
                    updates << Update{&planned, source, before.fields};
                else
                    ++summary.changedSkipped;
                continue;
            }
            fresh << &planned;
            freshSources << (sourceId.isEmpty() || plan.source.isEmpty() ? CardSource{} : source);
        }
        if (fresh.isEmpty() && updates.isEmpty())
            return {}; // nothing to write: not even a column or a label

        QList<const ImportPlan::Card *> written = fresh;
        for (const Update &update : std::as_const(updates))
            written << update.planned;
        Targets targets(store, plan, written, summary);
        if (auto resolved = targets.resolve(known.isEmpty()); !resolved)
            return resolved;

        QList<ImportedCard> cards;
        for (qsizetype i = 0; i < fresh.size(); ++i) {
            const ImportPlan::Card &planned = *fresh.at(i);
            ImportedCard card = planned.card;
            card.card.columnId = targets.columnId(planned.column);
            card.card.labelIds = targets.labelIds(planned.labels);
            card.source = freshSources.at(i);
            for (ImportedCard::Comment &comment : card.comments) {
                if (comment.author.isEmpty()) // a file that does not say who wrote it: whoever imports it
                    comment.author = store.login();
            }
            summary.comments += card.comments.size();
            summary.checklistItems += card.checklist.size();
            summary.links += card.links.size();
            summary.archived += card.archivedAt > 0 ? 1 : 0;
            cards << card;
        }
        const qint64 updateCount = updates.size();
        if (!cards.isEmpty()) {
            auto created = store.importCards(
                    cards, [&](qint64 done, qint64) { return goOn(done, cards.size() + updateCount); });
            if (!created)
                return created.error();
            summary.created = created->size();
        }

        QList<CardSource> moved;
        for (qsizetype i = 0; i < updates.size(); ++i) {
            const Update &update = updates.at(i);
            const ImportPlan::Card &planned = *update.planned;
            const qint64 id = update.source.cardId;
            auto current = store.card(id);
            if (!current)
                return current.error();
            const auto refused = [&](const Error &error) {
                return Error{error.kind, tr("card “%1”: %2").arg(current->title, error.message)};
            };
            // What the source changed since the last import, and the board does not say already.
            const QJsonObject before = QJsonDocument::fromJson(update.before.toUtf8()).object();
            const QJsonObject now = sourceFields(plan, planned);
            const CardPatch patch = onlyChanges(onlySourceChanges(patchFrom(planned.card.card), before, now), *current);
            if (!patch.isEmpty()) {
                if (auto changed = store.updateCard(id, patch); !changed)
                    return refused(changed.error());
            }
            const qint64 columnId = targets.columnId(planned.column);
            const bool columnChanged =
                    before.isEmpty() || before.value(QStringLiteral("column")) != now.value(QStringLiteral("column"));
            if (columnChanged && columnId && columnId != current->columnId) {
                if (current->archivedAt) {
                    summary.notes << ImportNote{planned.line, tr("card “%1”").arg(current->title.left(60)),
                                                tr("archived on the board: left in its column")};
                } else if (auto changed = store.moveCard(id, columnId); !changed) {
                    return refused(changed.error());
                }
            }
            // The labels the source added since (one a colleague took off stays off unless the source adds it).
            QStringList added;
            const QJsonArray had = before.value(QStringLiteral("labels")).toArray();
            for (const QString &label : planned.labels) {
                if (before.isEmpty() || !had.contains(QJsonValue(label.trimmed().toCaseFolded())))
                    added << label;
            }
            for (qint64 labelId : targets.labelIds(added)) {
                if (current->labelIds.contains(labelId))
                    continue;
                if (auto attached = store.attachLabel(id, labelId); !attached)
                    return refused(attached.error());
            }
            moved << update.source;
            ++summary.updated;
            if ((i + 1) % 100 == 0 && !goOn(cards.size() + i + 1, cards.size() + updateCount))
                return Error{ErrorKind::Invalid, cancelled};
        }
        if (!moved.isEmpty()) {
            if (auto kept = store.setCardSources(moved); !kept)
                return kept;
        }
        if (!goOn(total, total))
            return Error{ErrorKind::Invalid, cancelled};
        if (options.dryRun)
            return Error{ErrorKind::Invalid, s_dryRunMark};
        return {};
    });
    if (!status && stopped)
        return Error{ErrorKind::Invalid, cancelled}; // (whichever step heard it)
    if (!status && !(options.dryRun && status.error().message == s_dryRunMark))
        return status.error();
    return summary;
}

bool isCancellation(const Error &error)
{
    return error.kind == ErrorKind::Invalid && error.message == tr("the import was cancelled; nothing was changed");
}

} // namespace boardimport
} // namespace hb::storage
