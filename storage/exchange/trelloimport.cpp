// SPDX-License-Identifier: GPL-3.0-or-later
#include "trelloimport.h"

#include "importwords.h"

#include <storage/boardstore.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace hb::storage::trelloimport {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::trelloimport", text);
}

/// Trello's label colours (its own palette), by name; "_light" and "_dark" shades take the base colour.
QString labelColor(const QString &trelloColor)
{
    static const QHash<QString, QString> s_colors{{QStringLiteral("green"), QStringLiteral("#61bd4f")},
                                                  {QStringLiteral("yellow"), QStringLiteral("#f2d600")},
                                                  {QStringLiteral("orange"), QStringLiteral("#ff9f1a")},
                                                  {QStringLiteral("red"), QStringLiteral("#eb5a46")},
                                                  {QStringLiteral("purple"), QStringLiteral("#c377e0")},
                                                  {QStringLiteral("blue"), QStringLiteral("#0079bf")},
                                                  {QStringLiteral("sky"), QStringLiteral("#00c2e0")},
                                                  {QStringLiteral("lime"), QStringLiteral("#51e898")},
                                                  {QStringLiteral("pink"), QStringLiteral("#ff78cb")},
                                                  {QStringLiteral("black"), QStringLiteral("#344563")}};
    return s_colors.value(trelloColor.section(QLatin1Char('_'), 0, 0), QStringLiteral("#b3bac5"));
}

/// The name Trello shows for an unnamed label: its colour ("Green", "Sky dark").
QString colorName(const QString &trelloColor)
{
    QString name = trelloColor.isEmpty() ? tr("No colour") : trelloColor;
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    name[0] = name[0].toUpper();
    return name;
}

qint64 timeOf(const QJsonValue &value)
{
    const QDateTime at = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

/// When a card was made, as its id says (Trello ids start with the creation time in seconds, in hex).
qint64 timeOfId(const QString &id)
{
    bool ok = false;
    const qint64 seconds = id.left(8).toLongLong(&ok, 16);
    return ok && id.size() >= 8 && seconds > 0 ? seconds * 1000 : 0;
}

double positionOf(const QJsonObject &object)
{
    const QJsonValue pos = object.value(QStringLiteral("pos"));
    return pos.isDouble() ? pos.toDouble() : pos.toString().toDouble();
}

/// @p objects of an array, sorted by their Trello "pos".
QList<QJsonObject> byPosition(const QJsonArray &array)
{
    QList<QJsonObject> objects;
    for (const QJsonValue &value : array) {
        if (value.isObject())
            objects << value.toObject();
    }
    std::stable_sort(objects.begin(), objects.end(),
                     [](const QJsonObject &a, const QJsonObject &b) { return positionOf(a) < positionOf(b); });
    return objects;
}

QString cardName(const QJsonObject &card)
{
    return QStringLiteral("card “%1”").arg(card.value(QStringLiteral("name")).toString().left(60));
}

class Reader
{
public:
    Reader(const QJsonObject &board, const QString &fileName)
        : m_board(board)
        , m_fileName(fileName)
    { }

    ImportPlan read()
    {
        const QString name = m_board.value(QStringLiteral("name")).toString();
        const QString id = m_board.value(QStringLiteral("id")).toString();
        m_plan.source = QStringLiteral("trello:") + (id.isEmpty() ? name : id);
        m_plan.sourceName = name.isEmpty() ? m_fileName : tr("Trello board “%1”").arg(name);
        readMembers();
        readLabels();
        readLists();
        readChecklists();
        readActions();
        readCards();
        noteBoardExtras();
        return m_plan;
    }

private:
    void readMembers()
    {
        for (const QJsonValue &value : m_board.value(QStringLiteral("members")).toArray()) {
            const QJsonObject member = value.toObject();
            m_members.insert(member.value(QStringLiteral("id")).toString(), member);
        }
    }

    /// The login of the member @p object names (a member object, or one with "username"), made known to the plan.
    QString person(const QJsonObject &member)
    {
        const QString username = member.value(QStringLiteral("username")).toString();
        const QString login = importwords::loginFor(username);
        if (login.isEmpty())
            return {};
        if (!m_people.contains(login)) {
            m_people << login;
            m_plan.people << ImportPlan::Person{login, member.value(QStringLiteral("fullName")).toString().left(200)};
        }
        return login;
    }

    void readLabels()
    {
        QSet<QString> names;
        for (const QJsonValue &value : m_board.value(QStringLiteral("labels")).toArray()) {
            const QJsonObject label = value.toObject();
            const QString color = label.value(QStringLiteral("color")).toString();
            QString name = label.value(QStringLiteral("name")).toString().trimmed();
            if (name.isEmpty())
                name = colorName(color);
            name = name.left(BoardStore::s_maxLabelNameLength);
            m_labels.insert(label.value(QStringLiteral("id")).toString(), name);
            if (!names.contains(name.toCaseFolded())) {
                names << name.toCaseFolded();
                m_plan.labels << ImportPlan::Label{name, labelColor(color)};
            }
        }
    }

    void readLists()
    {
        bool started = false;
        for (const QJsonObject &list : byPosition(m_board.value(QStringLiteral("lists")).toArray())) {
            const QString id = list.value(QStringLiteral("id")).toString();
            QString name = list.value(QStringLiteral("name")).toString().trimmed().left(BoardStore::s_maxTitleLength);
            if (name.isEmpty())
                name = tr("List %1").arg(m_plan.columns.size() + 1);
            if (list.value(QStringLiteral("closed")).toBool()) {
                m_closedLists.insert(id, name);
                continue;
            }
            ImportPlan::Column column;
            column.name = name;
            const auto kind = importwords::columnKind(name);
            column.kind = kind.value_or(started ? ColumnKind::Doing : ColumnKind::Todo);
            started = started || column.kind != ColumnKind::Todo;
            m_lists.insert(id, int(m_plan.columns.size()));
            m_plan.columns << column;
        }
        if (m_plan.columns.isEmpty())
            m_plan.columns << ImportPlan::Column{tr("To do"), ColumnKind::Todo, true};
        if (std::none_of(m_plan.columns.cbegin(), m_plan.columns.cend(),
                         [](const ImportPlan::Column &column) { return column.kind == ColumnKind::Done; })) {
            m_plan.notes << ImportNote{0,
                                       {},
                                       tr("no list is named like a Done list (Done, Closed, Resolved…): no card counts "
                                          "as resolved; set a column's kind to Done after the import if one is")};
        }
    }

    void readChecklists()
    {
        for (const QJsonObject &checklist : byPosition(m_board.value(QStringLiteral("checklists")).toArray()))
            m_checklists[checklist.value(QStringLiteral("idCard")).toString()] << checklist;
    }

    void readActions()
    {
        const QJsonArray actions = m_board.value(QStringLiteral("actions")).toArray();
        for (const QJsonValue &value : actions) {
            const QJsonObject action = value.toObject();
            const QString type = action.value(QStringLiteral("type")).toString();
            const QJsonObject data = action.value(QStringLiteral("data")).toObject();
            const QString cardId = data.value(QStringLiteral("card")).toObject().value(QStringLiteral("id")).toString();
            if (cardId.isEmpty())
                continue;
            if (type == u"commentCard" || type == u"copyCommentCard")
                m_comments[cardId] << action;
            else if (type == u"createCard" || type == u"copyCard" || type == u"convertToCardFromCheckItem")
                m_creations.insert(cardId, action);
            else if (type == u"updateCard" && data.contains(QStringLiteral("listAfter"))) {
                const QString list =
                        data.value(QStringLiteral("listAfter")).toObject().value(QStringLiteral("id")).toString();
                const qint64 at = timeOf(action.value(QStringLiteral("date")));
                auto &last = m_lastMoves[cardId];
                if (at > last.at)
                    last = {list, at, memberOf(action)};
            }
        }
        // Trello's export holds the board's last 1,000 actions.
        if (actions.size() >= 1000) {
            m_plan.notes << ImportNote{0,
                                       {},
                                       tr("the export holds %1 actions, as many as Trello puts in one: comments older "
                                          "than those are not in the file")
                                               .arg(actions.size())};
        }
    }

    QString memberOf(const QJsonObject &action)
    {
        QJsonObject creator = action.value(QStringLiteral("memberCreator")).toObject();
        if (creator.isEmpty())
            creator = m_members.value(action.value(QStringLiteral("idMemberCreator")).toString());
        return person(creator);
    }

    void readCards()
    {
        QList<QJsonObject> cards;
        for (const QJsonValue &value : m_board.value(QStringLiteral("cards")).toArray()) {
            if (value.isObject())
                cards << value.toObject();
        }
        // In the lists' order, then each list's own.
        QHash<QString, double> listPosition;
        for (const QJsonValue &value : m_board.value(QStringLiteral("lists")).toArray())
            listPosition.insert(value.toObject().value(QStringLiteral("id")).toString(), positionOf(value.toObject()));
        std::stable_sort(cards.begin(), cards.end(), [&](const QJsonObject &a, const QJsonObject &b) {
            const double listA = listPosition.value(a.value(QStringLiteral("idList")).toString());
            const double listB = listPosition.value(b.value(QStringLiteral("idList")).toString());
            return listA != listB ? listA < listB : positionOf(a) < positionOf(b);
        });
        QMap<QString, int> closedListCards;
        int extraMembers = 0, uploads = 0, doneWithoutMove = 0, severalChecklists = 0;
        QMap<QString, int> customFields, extras;
        QHash<QString, QString> customFieldNames;
        for (const QJsonValue &value : m_board.value(QStringLiteral("customFields")).toArray()) {
            const QJsonObject field = value.toObject();
            customFieldNames.insert(field.value(QStringLiteral("id")).toString(),
                                    field.value(QStringLiteral("name")).toString());
        }

        for (const QJsonObject &trello : std::as_const(cards)) {
            const QString id = trello.value(QStringLiteral("id")).toString();
            ImportPlan::Card planned;
            planned.sourceId = id;
            ImportedCard &card = planned.card;
            QString title = trello.value(QStringLiteral("name")).toString().trimmed();
            if (title.isEmpty()) {
                m_plan.skipped << ImportNote{0, tr("card %1").arg(id), tr("it has no name")};
                continue;
            }
            if (title.size() > BoardStore::s_maxTitleLength) {
                m_plan.notes << ImportNote{0, cardName(trello),
                                           tr("the name is cut at %1 characters").arg(BoardStore::s_maxTitleLength)};
                title.truncate(BoardStore::s_maxTitleLength);
            }
            card.card.title = title;
            card.card.description = trello.value(QStringLiteral("desc")).toString();
            if (card.card.description.size() > BoardStore::s_maxTextLength) {
                m_plan.notes << ImportNote{
                        0, cardName(trello),
                        tr("the description is cut at %1 characters").arg(BoardStore::s_maxTextLength)};
                card.card.description.truncate(BoardStore::s_maxTextLength);
            }

            const QString listId = trello.value(QStringLiteral("idList")).toString();
            const qint64 lastActivity = timeOf(trello.value(QStringLiteral("dateLastActivity")));
            if (m_lists.contains(listId)) {
                planned.column = m_lists.value(listId);
            } else {
                planned.column = 0;
                card.archivedAt = lastActivity ? lastActivity : 1;
                const QString list = m_closedLists.value(listId, tr("a list not in the file"));
                ++closedListCards[list];
            }
            if (trello.value(QStringLiteral("closed")).toBool() && !card.archivedAt)
                card.archivedAt = lastActivity ? lastActivity : 1;

            const auto created = m_creations.constFind(id);
            card.createdAt = created != m_creations.cend() ? timeOf(created->value(QStringLiteral("date"))) : 0;
            if (!card.createdAt)
                card.createdAt = timeOfId(id);
            if (created != m_creations.cend())
                card.createdBy = memberOf(*created);
            if (m_plan.columns.at(planned.column).kind == ColumnKind::Done) {
                const auto move = m_lastMoves.constFind(id);
                if (move != m_lastMoves.cend() && move->list == listId) {
                    card.resolvedAt = move->at;
                    card.resolvedBy = move->by;
                } else {
                    card.resolvedAt = lastActivity;
                    ++doneWithoutMove;
                }
            }

            card.card.dueAt = timeOf(trello.value(QStringLiteral("due")));
            for (const QJsonValue &label : trello.value(QStringLiteral("idLabels")).toArray()) {
                const QString name = m_labels.value(label.toString());
                if (!name.isEmpty() && !planned.labels.contains(name))
                    planned.labels << name;
            }
            if (card.card.dueAt && trello.value(QStringLiteral("dueComplete")).toBool())
                planned.labels << dueCompleteLabel();

            const QJsonArray members = trello.value(QStringLiteral("idMembers")).toArray();
            for (qsizetype i = 0; i < members.size(); ++i) {
                const QString login = person(m_members.value(members.at(i).toString()));
                if (i == 0)
                    card.card.assignee = login;
            }
            if (members.size() > 1)
                ++extraMembers;

            const QList<QJsonObject> checklists = m_checklists.value(id);
            if (checklists.size() > 1)
                ++severalChecklists;
            for (const QJsonObject &checklist : checklists) {
                const QString listName = checklist.value(QStringLiteral("name")).toString().trimmed();
                for (const QJsonObject &item : byPosition(checklist.value(QStringLiteral("checkItems")).toArray())) {
                    QString text = item.value(QStringLiteral("name")).toString().trimmed();
                    if (text.isEmpty())
                        continue;
                    if (checklists.size() > 1 && !listName.isEmpty())
                        text = listName + QStringLiteral(": ") + text;
                    card.checklist << ImportedCard::Item{text.left(BoardStore::s_maxChecklistTextLength),
                                                         item.value(QStringLiteral("state")).toString() == u"complete"};
                }
            }
            m_plan.checklistItems += card.checklist.size();

            QList<QJsonObject> comments = m_comments.value(id);
            std::stable_sort(comments.begin(), comments.end(), [](const QJsonObject &a, const QJsonObject &b) {
                return timeOf(a.value(QStringLiteral("date"))) < timeOf(b.value(QStringLiteral("date")));
            });
            for (const QJsonObject &comment : std::as_const(comments)) {
                const QString body =
                        comment.value(QStringLiteral("data")).toObject().value(QStringLiteral("text")).toString();
                if (body.trimmed().isEmpty())
                    continue;
                card.comments << ImportedCard::Comment{memberOf(comment), timeOf(comment.value(QStringLiteral("date"))),
                                                       body.left(BoardStore::s_maxTextLength)};
            }
            m_plan.comments += card.comments.size();

            for (const QJsonValue &value : trello.value(QStringLiteral("attachments")).toArray()) {
                const QJsonObject attachment = value.toObject();
                const QString url = attachment.value(QStringLiteral("url")).toString().trimmed();
                if (url.isEmpty())
                    continue;
                card.links << url.left(BoardStore::s_maxTextLength);
                uploads += attachment.value(QStringLiteral("isUpload")).toBool();
            }
            m_plan.links += card.links.size();

            for (const QJsonValue &value : trello.value(QStringLiteral("customFieldItems")).toArray()) {
                const QString field = value.toObject().value(QStringLiteral("idCustomField")).toString();
                ++customFields[customFieldNames.value(field, field)];
            }
            if (!trello.value(QStringLiteral("stickers")).toArray().isEmpty())
                ++extras[tr("stickers")];
            if (!trello.value(QStringLiteral("idMembersVoted")).toArray().isEmpty())
                ++extras[tr("votes")];
            if (!trello.value(QStringLiteral("pluginData")).toArray().isEmpty())
                ++extras[tr("power-up data")];
            if (!trello.value(QStringLiteral("address")).toString().isEmpty()
                || trello.value(QStringLiteral("coordinates")).isObject())
                ++extras[tr("locations")];
            if (!trello.value(QStringLiteral("start")).toString().isEmpty())
                ++extras[tr("start dates")];
            m_plan.cards << planned;
        }

        for (auto it = closedListCards.cbegin(); it != closedListCards.cend(); ++it) {
            m_plan.notes << ImportNote{
                    0, tr("list “%1”").arg(it.key()),
                    tr("archived in Trello: not made a column; its cards (%1) are archived cards of “%2”")
                            .arg(it.value())
                            .arg(m_plan.columns.constFirst().name)};
        }
        for (auto it = m_closedLists.cbegin(); it != m_closedLists.cend(); ++it) {
            if (!closedListCards.contains(it.value()))
                m_plan.notes << ImportNote{0, tr("list “%1”").arg(it.value()),
                                           tr("archived in Trello and empty: left out")};
        }
        if (extraMembers)
            m_plan.notes << ImportNote{
                    0,
                    {},
                    tr("cards with more than one member: %1; the first member is the assignee").arg(extraMembers)};
        if (severalChecklists) {
            m_plan.notes << ImportNote{
                    0,
                    {},
                    tr("cards with more than one checklist: %1; their items are one list, each named after its "
                       "checklist")
                            .arg(severalChecklists)};
        }
        if (uploads) {
            m_plan.notes << ImportNote{
                    0,
                    {},
                    tr("files uploaded to Trello: %1; they are links to Trello (they open with a Trello login), "
                       "not copied in")
                            .arg(uploads)};
        }
        if (doneWithoutMove) {
            m_plan.notes << ImportNote{
                    0,
                    {},
                    tr("cards in a Done list without their move there in the export: %1; their last activity counts "
                       "as resolved")
                            .arg(doneWithoutMove)};
        }
        for (auto it = customFields.cbegin(); it != customFields.cend(); ++it) {
            m_plan.notes << ImportNote{
                    0,
                    {},
                    tr("custom field “%1” (on %2): not imported; HelpBoard has no custom fields")
                            .arg(it.key(), importwords::counted(it.value(), tr("%1 card"), tr("%1 cards")))};
        }
        for (auto it = extras.cbegin(); it != extras.cend(); ++it)
            m_plan.notes << ImportNote{
                    0,
                    {},
                    tr("%1 (on %2): not imported")
                            .arg(it.key(), importwords::counted(it.value(), tr("%1 card"), tr("%1 cards")))};
    }

    QString dueCompleteLabel()
    {
        const QString name = tr("Due complete");
        if (!m_dueCompleteLabel) {
            m_dueCompleteLabel = true;
            m_plan.labels << ImportPlan::Label{name, labelColor(QStringLiteral("green"))};
            m_plan.notes << ImportNote{
                    0, {}, tr("cards whose due date was marked complete carry the label “%1”").arg(name)};
        }
        return name;
    }

    void noteBoardExtras()
    {
        const auto count = [this](const char *key) { return m_board.value(QLatin1String(key)).toArray().size(); };
        if (const qsizetype plugins = count("boardPlugins") + count("pluginData"))
            m_plan.notes << ImportNote{0,
                                       {},
                                       tr("the board's power-up data (%1): not imported")
                                               .arg(importwords::counted(plugins, tr("%1 entry"), tr("%1 entries")))};
    }

    const QJsonObject &m_board;
    QString m_fileName;
    ImportPlan m_plan;
    QHash<QString, QJsonObject> m_members;
    QSet<QString> m_people;
    QHash<QString, QString> m_labels;
    QHash<QString, int> m_lists;
    QHash<QString, QString> m_closedLists;
    QHash<QString, QList<QJsonObject>> m_checklists;
    QHash<QString, QList<QJsonObject>> m_comments;
    QHash<QString, QJsonObject> m_creations;
    struct Move
    {
        QString list;
        qint64 at = 0;
        QString by;
    };
    QHash<QString, Move> m_lastMoves; ///< each card's last move, by card id
    bool m_dueCompleteLabel = false;
};

} // namespace

Result<ImportPlan> plan(const QByteArray &json, const QString &fileName)
{
    const QByteArray trimmed = json.trimmed();
    if (trimmed.isEmpty())
        return Error{ErrorKind::Invalid, tr("the file is empty")};
    if (json.left(4096).contains('\0'))
        return Error{ErrorKind::Invalid, tr("the file holds binary data, not a Trello export (JSON text)")};
    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parsed);
    if (parsed.error != QJsonParseError::NoError) {
        if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
            return Error{ErrorKind::Invalid, tr("the file is not JSON (a Trello export is)")};
        // Ran out of text where more was due: a download or a copy cut short.
        if (parsed.offset >= json.size() - 2 || parsed.error == QJsonParseError::UnterminatedObject
            || parsed.error == QJsonParseError::UnterminatedArray
            || parsed.error == QJsonParseError::UnterminatedString) {
            return Error{ErrorKind::Invalid,
                         tr("the JSON stops before its end (at byte %1): the file is cut short; export it from Trello "
                            "again")
                                 .arg(parsed.offset)};
        }
        return Error{ErrorKind::Invalid,
                     tr("the file is not valid JSON (%1 at byte %2)").arg(parsed.errorString()).arg(parsed.offset)};
    }
    const QJsonObject board = document.object();
    if (!document.isObject())
        return Error{ErrorKind::Invalid, tr("the JSON is a list, not a Trello board")};
    if (board.value(QStringLiteral("format")).toString() == u"helpboard-export")
        return Error{ErrorKind::Invalid, tr("this is a HelpBoard export, not a Trello one")};
    if (!board.value(QStringLiteral("lists")).isArray() || !board.value(QStringLiteral("cards")).isArray())
        return Error{ErrorKind::Invalid, tr("the JSON is not a Trello board export: it has no lists and cards")};
    return Reader(board, fileName).read();
}

Result<ImportPlan> readFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{ErrorKind::NotFound, tr("there is no file at %1").arg(path)};
    if (info.isDir())
        return Error{ErrorKind::Invalid, tr("%1 is a folder, not a Trello export").arg(path)};
    if (info.size() > s_maxFileBytes) {
        return Error{ErrorKind::Invalid,
                     tr("%1 is %2 MB; HelpBoard reads Trello exports up to %3 MB (a board of about 30,000 cards)")
                             .arg(info.fileName())
                             .arg(info.size() / (1024 * 1024))
                             .arg(s_maxFileBytes / (1024 * 1024))};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorKind::Io, tr("cannot read %1: %2").arg(path, file.errorString())};
    return plan(file.readAll(), info.fileName());
}

} // namespace hb::storage::trelloimport
