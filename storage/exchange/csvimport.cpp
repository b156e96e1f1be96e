// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvimport.h"

#include "importwords.h"
#include "loosedates.h"

#include <storage/boardstore.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>

#include <map>

namespace hb::storage::csvimport {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::csvimport", text);
}

/// The header names each field goes by, folded (importwords::folded), in English, Spanish and Portuguese.
const QStringList &synonyms(Field field)
{
    static const QHash<Field, QStringList> s_names{
            {Field::Id,
             {QStringLiteral("id"),
              QStringLiteral("number"),
              QStringLiteral("ticket"),
              QStringLiteral("ticket id"),
              QStringLiteral("ticket number"),
              QStringLiteral("ticket no"),
              QStringLiteral("incident"),
              QStringLiteral("incident number"),
              QStringLiteral("incident id"),
              QStringLiteral("case"),
              QStringLiteral("case number"),
              QStringLiteral("case id"),
              QStringLiteral("key"),
              QStringLiteral("issue key"),
              QStringLiteral("issue id"),
              QStringLiteral("ref"),
              QStringLiteral("reference"),
              QStringLiteral("request id"),
              QStringLiteral("numero"),
              QStringLiteral("numero de ticket"),
              QStringLiteral("no"),
              QStringLiteral("n"),
              QStringLiteral("id del ticket"),
              QStringLiteral("caso"),
              QStringLiteral("chamado"),
              QStringLiteral("numero do chamado"),
              QStringLiteral("id do chamado"),
              QStringLiteral("protocolo"),
              QStringLiteral("referencia")}},
            {Field::Title,
             {QStringLiteral("title"), QStringLiteral("subject"), QStringLiteral("summary"),
              QStringLiteral("short description"), QStringLiteral("name"), QStringLiteral("issue"),
              QStringLiteral("titulo"), QStringLiteral("asunto"), QStringLiteral("resumen"),
              QStringLiteral("descripcion corta"), QStringLiteral("nombre"), QStringLiteral("assunto"),
              QStringLiteral("resumo"), QStringLiteral("descricao curta"), QStringLiteral("nome")}},
            {Field::Description,
             {QStringLiteral("description"), QStringLiteral("details"), QStringLiteral("body"),
              QStringLiteral("problem"), QStringLiteral("descripcion"), QStringLiteral("detalle"),
              QStringLiteral("detalles"), QStringLiteral("descricao"), QStringLiteral("detalhes"),
              QStringLiteral("problema")}},
            {Field::Status,
             {QStringLiteral("status"), QStringLiteral("state"), QStringLiteral("stage"), QStringLiteral("list"),
              QStringLiteral("column"), QStringLiteral("incident state"), QStringLiteral("ticket status"),
              QStringLiteral("estado"), QStringLiteral("situacion"), QStringLiteral("situacao"),
              QStringLiteral("etapa"), QStringLiteral("lista"), QStringLiteral("coluna"), QStringLiteral("columna"),
              QStringLiteral("estado del ticket"), QStringLiteral("status do chamado")}},
            {Field::Priority,
             {QStringLiteral("priority"), QStringLiteral("urgency"), QStringLiteral("severity"),
              QStringLiteral("impact"), QStringLiteral("prioridad"), QStringLiteral("urgencia"),
              QStringLiteral("gravedad"), QStringLiteral("prioridade"), QStringLiteral("gravidade")}},
            {Field::Assignee,
             {QStringLiteral("assigned to"), QStringLiteral("assignee"), QStringLiteral("owner"),
              QStringLiteral("technician"), QStringLiteral("agent"), QStringLiteral("assigned"),
              QStringLiteral("responsible"), QStringLiteral("handler"), QStringLiteral("asignado a"),
              QStringLiteral("asignado"), QStringLiteral("tecnico"), QStringLiteral("responsable"),
              QStringLiteral("agente"), QStringLiteral("tecnico asignado"), QStringLiteral("responsavel"),
              QStringLiteral("atribuido a"), QStringLiteral("atribuido"), QStringLiteral("tecnico responsavel")}},
            {Field::Requester,
             {QStringLiteral("requester"), QStringLiteral("caller"), QStringLiteral("requested by"),
              QStringLiteral("reporter"), QStringLiteral("reported by"), QStringLiteral("customer"),
              QStringLiteral("contact"), QStringLiteral("end user"), QStringLiteral("requestor"),
              QStringLiteral("solicitante"), QStringLiteral("usuario"), QStringLiteral("cliente"),
              QStringLiteral("contacto"), QStringLiteral("reportado por"), QStringLiteral("requerente"),
              QStringLiteral("contato"), QStringLiteral("solicitado por")}},
            {Field::Channel,
             {QStringLiteral("channel"), QStringLiteral("source"), QStringLiteral("contact type"),
              QStringLiteral("origin"), QStringLiteral("reported via"), QStringLiteral("canal"),
              QStringLiteral("origen"), QStringLiteral("origem"), QStringLiteral("tipo de contacto"),
              QStringLiteral("medio"), QStringLiteral("via")}},
            {Field::Labels,
             {QStringLiteral("labels"), QStringLiteral("label"), QStringLiteral("tags"), QStringLiteral("tag"),
              QStringLiteral("category"), QStringLiteral("categories"), QStringLiteral("etiquetas"),
              QStringLiteral("etiqueta"), QStringLiteral("categoria"), QStringLiteral("categorias")}},
            {Field::Due,
             {QStringLiteral("due"), QStringLiteral("due date"), QStringLiteral("due at"), QStringLiteral("deadline"),
              QStringLiteral("sla due"), QStringLiteral("due by"), QStringLiteral("fecha limite"),
              QStringLiteral("vencimiento"), QStringLiteral("fecha de vencimiento"), QStringLiteral("prazo"),
              QStringLiteral("data limite"), QStringLiteral("vencimento"), QStringLiteral("data de vencimento")}},
            {Field::Created, {QStringLiteral("created"),           QStringLiteral("created at"),
                              QStringLiteral("created on"),        QStringLiteral("opened"),
                              QStringLiteral("opened at"),         QStringLiteral("opened on"),
                              QStringLiteral("date opened"),       QStringLiteral("creation date"),
                              QStringLiteral("date created"),      QStringLiteral("submitted"),
                              QStringLiteral("submitted at"),      QStringLiteral("date"),
                              QStringLiteral("fecha de creacion"), QStringLiteral("creado"),
                              QStringLiteral("creado el"),         QStringLiteral("fecha"),
                              QStringLiteral("fecha de apertura"), QStringLiteral("abierto el"),
                              QStringLiteral("criado em"),         QStringLiteral("criado"),
                              QStringLiteral("data de abertura"),  QStringLiteral("data de criacao"),
                              QStringLiteral("aberto em"),         QStringLiteral("data")}},
            {Field::Resolved, {QStringLiteral("resolved"),          QStringLiteral("resolved at"),
                               QStringLiteral("resolved on"),       QStringLiteral("closed"),
                               QStringLiteral("closed at"),         QStringLiteral("closed on"),
                               QStringLiteral("date closed"),       QStringLiteral("resolution date"),
                               QStringLiteral("date resolved"),     QStringLiteral("completed"),
                               QStringLiteral("completed at"),      QStringLiteral("fecha de resolucion"),
                               QStringLiteral("resuelto"),          QStringLiteral("resuelto el"),
                               QStringLiteral("cerrado"),           QStringLiteral("cerrado el"),
                               QStringLiteral("fecha de cierre"),   QStringLiteral("resolvido em"),
                               QStringLiteral("resolvido"),         QStringLiteral("fechado em"),
                               QStringLiteral("data de resolucao"), QStringLiteral("data de fechamento"),
                               QStringLiteral("encerrado em")}},
            {Field::Comments,
             {QStringLiteral("comments"), QStringLiteral("comment"), QStringLiteral("notes"), QStringLiteral("note"),
              QStringLiteral("work notes"), QStringLiteral("additional comments"), QStringLiteral("comentarios"),
              QStringLiteral("comentario"), QStringLiteral("notas"), QStringLiteral("observaciones"),
              QStringLiteral("observacoes"), QStringLiteral("anotacoes")}},
    };
    static const QStringList s_none;
    const auto found = s_names.constFind(field);
    return found == s_names.cend() ? s_none : *found;
}

bool isDateField(Field field)
{
    return field == Field::Due || field == Field::Created || field == Field::Resolved;
}

/// How well header @p name says @p field: best when it is the field's first name, less for a later one ("Impact" is
/// a priority less surely than "Priority"), least when it merely holds one as whole words; 0: not at all.
int headerScore(Field field, const QString &name)
{
    const QString text = importwords::folded(name);
    if (text.isEmpty())
        return 0;
    int score = 0;
    const QString padded = QLatin1Char(' ') + text + QLatin1Char(' ');
    const QStringList &names = synonyms(field);
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString &synonym = names.at(i);
        if (text == synonym)
            return int(1000 - i);
        // one- and two-letter names ("n", "no") only as the whole header
        if (synonym.size() > 2 && padded.contains(QLatin1Char(' ') + synonym + QLatin1Char(' ')))
            score = 1;
    }
    return score;
}

/// True when most of column @p column's values are dates.
bool holdsDates(const CsvTable &table, int column)
{
    int values = 0, dates = 0;
    for (const CsvRow &row : table.rows) {
        const QString &value = row.fields.at(column);
        if (csv::isNoValue(value))
            continue;
        ++values;
        dates += loosedates::parse(value, loosedates::Order::MonthFirst).has_value()
                 || loosedates::parse(value, loosedates::Order::DayFirst).has_value();
        if (values >= 200)
            break;
    }
    return values == 0 || dates * 2 >= values;
}

/// A header cell that reads like a value of a ticket, not a column's name: a date, a number, an address.
bool looksLikeData(const QString &cell)
{
    static const QRegularExpression s_number(QStringLiteral("^[#-]?\\d+([.,]\\d+)?$"));
    const QString text = cell.trimmed();
    return loosedates::parse(text).has_value() || s_number.match(text).hasMatch()
           || (text.contains(QLatin1Char('@')) && !text.contains(QLatin1Char(' ')));
}

QString defaultColumnName(ColumnKind kind)
{
    switch (kind) {
    case ColumnKind::Todo:
        return tr("To do");
    case ColumnKind::Doing:
        return tr("Doing");
    case ColumnKind::Done:
        return tr("Done");
    }
    return {};
}

/// A ticket as its rows say it: the last value of each field, the earliest creation.
struct Ticket
{
    int line = 0;
    QString id;
    QHash<Field, QString> values;
    QString created; ///< the earliest creation among its rows (as written)
    qint64 createdAt = 0;
    QStringList comments;
};

} // namespace

QList<Field> fields()
{
    return {Field::Id,       Field::Title,     Field::Description, Field::Status, Field::Priority,
            Field::Assignee, Field::Requester, Field::Channel,     Field::Labels, Field::Due,
            Field::Created,  Field::Resolved,  Field::Comments};
}

QString key(Field field)
{
    switch (field) {
    case Field::Id:
        return QStringLiteral("id");
    case Field::Title:
        return QStringLiteral("title");
    case Field::Description:
        return QStringLiteral("description");
    case Field::Status:
        return QStringLiteral("status");
    case Field::Priority:
        return QStringLiteral("priority");
    case Field::Assignee:
        return QStringLiteral("assignee");
    case Field::Requester:
        return QStringLiteral("requester");
    case Field::Channel:
        return QStringLiteral("channel");
    case Field::Labels:
        return QStringLiteral("labels");
    case Field::Due:
        return QStringLiteral("due");
    case Field::Created:
        return QStringLiteral("created");
    case Field::Resolved:
        return QStringLiteral("resolved");
    case Field::Comments:
        return QStringLiteral("comments");
    }
    return {};
}

std::optional<Field> fieldFromKey(const QString &text)
{
    for (Field field : fields()) {
        if (key(field).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return field;
    }
    return std::nullopt;
}

QString label(Field field)
{
    switch (field) {
    case Field::Id:
        return tr("Ticket number");
    case Field::Title:
        return tr("Title");
    case Field::Description:
        return tr("Description");
    case Field::Status:
        return tr("Status (column)");
    case Field::Priority:
        return tr("Priority");
    case Field::Assignee:
        return tr("Assigned to");
    case Field::Requester:
        return tr("Requester");
    case Field::Channel:
        return tr("Channel");
    case Field::Labels:
        return tr("Labels");
    case Field::Due:
        return tr("Due");
    case Field::Created:
        return tr("Created");
    case Field::Resolved:
        return tr("Resolved");
    case Field::Comments:
        return tr("Comments");
    }
    return {};
}

std::optional<StatusTarget> guessStatus(const QString &value)
{
    const auto kind = importwords::columnKind(value);
    const auto tag = importwords::statusTag(value);
    if (!kind && !tag)
        return std::nullopt;
    StatusTarget target;
    target.kind = kind.value_or(ColumnKind::Doing);
    target.tag = target.kind == ColumnKind::Done ? StatusTag::None : tag.value_or(StatusTag::None);
    return target;
}

std::optional<StatusTarget> statusTargetFromText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    const qsizetype plus = trimmed.indexOf(QLatin1Char('+'));
    const QString kindText = plus < 0 ? trimmed : trimmed.left(plus).trimmed();
    StatusTarget target;
    if (const auto kind = columnKindFromString(kindText.toLower()))
        target.kind = *kind;
    else if (plus < 0)
        target.column = trimmed; // a column's name
    else
        return std::nullopt;
    if (plus >= 0) {
        const auto tag = statusFromString(trimmed.mid(plus + 1).trimmed().toLower());
        if (!tag)
            return std::nullopt;
        target.tag = *tag;
    }
    if (target.column.isEmpty() && target.kind == ColumnKind::Done)
        target.tag = StatusTag::None;
    return target;
}

QStringList distinctValues(const CsvTable &table, int column, int limit)
{
    QStringList values;
    QSet<QString> seen;
    if (column < 0 || column >= table.header.size())
        return values;
    for (const CsvRow &row : table.rows) {
        const QString value = row.fields.at(column).trimmed();
        if (csv::isNoValue(value) || seen.contains(value))
            continue;
        seen << value;
        values << value;
        if (values.size() >= limit)
            break;
    }
    return values;
}

Mapping guess(const CsvTable &table)
{
    Mapping mapping;
    // Best matches first: a header that is a field's name beats one that merely holds it.
    std::multimap<int, std::pair<Field, int>, std::greater<>> candidates;
    for (Field field : fields()) {
        for (int column = 0; column < table.header.size(); ++column) {
            if (const int score = headerScore(field, table.header.at(column)))
                candidates.insert({score, {field, column}});
        }
    }
    QSet<int> taken;
    for (const auto &[score, pair] : candidates) {
        const auto [field, column] = pair;
        if (mapping.columns.contains(field) || taken.contains(column))
            continue;
        if (isDateField(field) && !holdsDates(table, column))
            continue;
        mapping.columns.insert(field, column);
        taken << column;
    }
    if (const int column = mapping.columns.value(Field::Status, -1); column >= 0) {
        for (const QString &value : distinctValues(table, column)) {
            if (const auto target = guessStatus(value))
                mapping.statusValues.insert(value, *target);
        }
    }
    if (const int column = mapping.columns.value(Field::Priority, -1); column >= 0) {
        for (const QString &value : distinctValues(table, column)) {
            if (const auto priority = importwords::priority(value))
                mapping.priorityValues.insert(value, *priority);
        }
    }
    if (const int column = mapping.columns.value(Field::Channel, -1); column >= 0) {
        for (const QString &value : distinctValues(table, column)) {
            if (const auto channel = importwords::channel(value))
                mapping.channelValues.insert(value, *channel);
        }
    }
    // An event log: the same ticket number on several rows.
    if (const int column = mapping.columns.value(Field::Id, -1); column >= 0) {
        QSet<QString> ids;
        for (const CsvRow &row : table.rows) {
            const QString id = row.fields.at(column).trimmed();
            if (!id.isEmpty() && ids.contains(id)) {
                mapping.groupRows = true;
                break;
            }
            ids << id;
        }
    }
    return mapping;
}

Status mapColumn(Mapping &mapping, const CsvTable &table, const QString &assignment)
{
    const qsizetype equals = assignment.indexOf(QLatin1Char('='));
    const auto field = fieldFromKey(assignment.left(equals));
    if (equals < 0 || !field) {
        QStringList keys;
        for (Field each : fields())
            keys << key(each);
        return Error{ErrorKind::Invalid, tr("“%1” is not FIELD=COLUMN with FIELD one of %2")
                                                 .arg(assignment.left(80), keys.join(QStringLiteral(", ")))};
    }
    const QString columnText = assignment.mid(equals + 1).trimmed();
    if (columnText.isEmpty()) {
        mapping.columns.remove(*field);
        return {};
    }
    int column = -1;
    for (int i = 0; i < table.header.size() && column < 0; ++i) {
        if (table.header.at(i).compare(columnText, Qt::CaseInsensitive) == 0)
            column = i;
    }
    bool number = false;
    const int index = columnText.toInt(&number);
    if (column < 0 && number && index >= 1 && index <= table.header.size())
        column = index - 1;
    if (column < 0) {
        return Error{ErrorKind::Invalid,
                     tr("the file has no column “%1” (it has %2)")
                             .arg(columnText.left(80), QStringLiteral("“") + table.header.join(QStringLiteral("”, “"))
                                                               + QStringLiteral("”"))};
    }
    // A column holds one field: the one it held before lets go of it.
    for (auto it = mapping.columns.begin(); it != mapping.columns.end();) {
        if (it.value() == column && it.key() != *field)
            it = mapping.columns.erase(it);
        else
            ++it;
    }
    mapping.columns.insert(*field, column);
    return {};
}

Status mapValue(Mapping &mapping, const QString &assignment)
{
    const qsizetype colon = assignment.indexOf(QLatin1Char(':'));
    const qsizetype equals = assignment.lastIndexOf(QLatin1Char('='));
    const auto field = colon < 0 ? std::nullopt : fieldFromKey(assignment.left(colon));
    if (!field || equals < colon
        || (*field != Field::Status && *field != Field::Priority && *field != Field::Channel)) {
        return Error{
                ErrorKind::Invalid,
                tr("“%1” is not FIELD:VALUE=MEANING with FIELD status, priority or channel").arg(assignment.left(80))};
    }
    const QString value = assignment.mid(colon + 1, equals - colon - 1).trimmed();
    const QString meaning = assignment.mid(equals + 1).trimmed();
    if (value.isEmpty())
        return Error{ErrorKind::Invalid, tr("“%1” names no value").arg(assignment.left(80))};
    if (*field == Field::Status) {
        const auto target = statusTargetFromText(meaning);
        if (!target || target->column.size() > BoardStore::s_maxTitleLength) {
            return Error{ErrorKind::Invalid,
                         tr("status “%1” means “%2”: say todo, doing or done (with +waiting-requester, "
                            "+waiting-vendor, +blocked, +needs-review or +in-progress), or a "
                            "column's name")
                                 .arg(value.left(80), meaning.left(80))};
        }
        mapping.statusValues.insert(value, *target);
    } else if (*field == Field::Priority) {
        const auto priority = priorityFromString(meaning.toLower());
        if (!priority)
            return Error{ErrorKind::Invalid, tr("priority “%1” means “%2”: say critical, high, normal or low")
                                                     .arg(value.left(80), meaning.left(80))};
        mapping.priorityValues.insert(value, *priority);
    } else {
        const auto channel = channelFromString(meaning.toLower() == u"none" ? QString() : meaning.toLower());
        if (!channel)
            return Error{ErrorKind::Invalid,
                         tr("channel “%1” means “%2”: say email, phone, chat, walk-in, portal, monitoring or none")
                                 .arg(value.left(80), meaning.left(80))};
        mapping.channelValues.insert(value, *channel);
    }
    return {};
}

Result<ImportPlan> plan(const CsvTable &table, const Mapping &mapping, const QString &sourceName)
{
    for (auto it = mapping.columns.cbegin(); it != mapping.columns.cend(); ++it) {
        if (it.value() < 0 || it.value() >= table.header.size())
            return Error{ErrorKind::Invalid, tr("%1 is mapped to column %2, which the file does not have")
                                                     .arg(key(it.key()))
                                                     .arg(it.value() + 1)};
    }
    const auto column = [&](Field field) { return mapping.columns.value(field, -1); };
    if (column(Field::Title) < 0 && column(Field::Description) < 0) {
        const auto data = std::find_if(table.header.cbegin(), table.header.cend(), looksLikeData);
        if (data != table.header.cend()) {
            return Error{ErrorKind::Invalid,
                         tr("the first line reads like a ticket (“%1”), not the names of the columns: HelpBoard needs "
                            "a header line naming each column")
                                 .arg(data->left(60))};
        }
        return Error{
                ErrorKind::Invalid,
                tr("no column holds the title (the columns are %1): map one to the title, or to the "
                   "description")
                        .arg(QStringLiteral("“") + table.header.join(QStringLiteral("”, “")) + QStringLiteral("”"))};
    }
    if (mapping.groupRows && column(Field::Id) < 0)
        return Error{ErrorKind::Invalid,
                     tr("rows can be grouped by ticket only when a column holds the ticket number")};

    ImportPlan result;
    result.sourceName = sourceName;
    result.notes = table.notes;
    // The same ticket numbers in the same system's export: found again by the column that holds them and the columns
    // the export has (another system's "ID" 101 is another ticket).
    QStringList shape;
    for (const QString &name : table.header)
        shape << importwords::folded(name);
    shape.sort();
    result.source = QStringLiteral("csv:%1:%2")
                            .arg(column(Field::Id) >= 0 ? importwords::folded(table.header.at(column(Field::Id)))
                                                        : QStringLiteral("rows"),
                                 QString::fromLatin1(QCryptographicHash::hash(shape.join(u'\x1f').toUtf8(),
                                                                              QCryptographicHash::Sha1)
                                                             .toHex()
                                                             .left(12)));

    // Each date column's slash dates are all day first or all month first.
    QHash<Field, loosedates::Order> orders;
    for (Field field : {Field::Due, Field::Created, Field::Resolved}) {
        if (column(field) >= 0)
            orders.insert(field, loosedates::slashOrder(distinctValues(table, column(field), 100000)));
    }
    const auto dateOf = [&](Field field, const QString &value) {
        return loosedates::parse(value, orders.value(field), mapping.dateFormat);
    };

    // Rows -> tickets (one per row, or per ticket number).
    QList<Ticket> tickets;
    QHash<QString, qsizetype> byId;
    QHash<QString, int> firstLine;
    for (const CsvRow &row : table.rows) {
        const QString id = column(Field::Id) >= 0 ? row.fields.at(column(Field::Id)).trimmed() : QString();
        qsizetype index = -1;
        if (mapping.groupRows && !id.isEmpty())
            index = byId.value(id, -1);
        if (index < 0) {
            if (!id.isEmpty() && firstLine.contains(id)) {
                result.notes << ImportNote{row.line,
                                           {},
                                           tr("ticket %1 is on line %2 too: only the first is imported (group the rows "
                                              "by ticket to make them one)")
                                                   .arg(id)
                                                   .arg(firstLine.value(id))};
                continue;
            }
            firstLine.insert(id, row.line);
            index = tickets.size();
            tickets.append(Ticket{row.line, id, {}, {}, 0, {}});
            if (!id.isEmpty())
                byId.insert(id, index);
        }
        Ticket &ticket = tickets[index];
        for (auto it = mapping.columns.cbegin(); it != mapping.columns.cend(); ++it) {
            const QString value = row.fields.at(it.value());
            if (csv::isNoValue(value))
                continue;
            if (it.key() == Field::Comments) {
                if (!ticket.comments.contains(value.trimmed()))
                    ticket.comments << value.trimmed();
                continue;
            }
            if (it.key() == Field::Created) {
                const auto at = dateOf(Field::Created, value);
                if (at && (!ticket.createdAt || *at < ticket.createdAt)) {
                    ticket.createdAt = *at;
                    ticket.created = value;
                } else if (!at && !ticket.createdAt) {
                    ticket.created = value;
                }
                continue;
            }
            ticket.values.insert(it.key(), value); // the last row's value wins: the ticket's last state
        }
    }

    QHash<QString, int> columnIndex; // planned columns by target
    const auto columnFor = [&](const StatusTarget &target) {
        const QString keyText = target.column.isEmpty() ? QStringLiteral("\x01") + QString::number(int(target.kind))
                                                        : target.column.trimmed().toCaseFolded();
        if (auto found = columnIndex.find(keyText); found != columnIndex.end())
            return *found;
        ImportPlan::Column planned;
        planned.name = target.column.isEmpty() ? defaultColumnName(target.kind) : target.column.trimmed();
        planned.kind =
                target.column.isEmpty() ? target.kind : importwords::columnKind(target.column).value_or(target.kind);
        planned.anyOfKind = target.column.isEmpty();
        result.columns << planned;
        columnIndex.insert(keyText, int(result.columns.size() - 1));
        return int(result.columns.size() - 1);
    };
    QHash<QString, int> unmapped[3]; // status, priority, channel values no one mapped: how many tickets
    QSet<QString> people, labelNames;
    QHash<QString, int> sameRows; // rows without a ticket number that say the same, by their digest
    int resolvedButOpen = 0;

    for (const Ticket &ticket : std::as_const(tickets)) {
        ImportPlan::Card planned;
        planned.line = ticket.line;
        ImportedCard &card = planned.card;
        const auto value = [&](Field field) { return ticket.values.value(field).trimmed(); };
        const auto note = [&](const QString &what) { result.notes << ImportNote{ticket.line, {}, what}; };

        QString title = value(Field::Title);
        card.card.description = ticket.values.value(Field::Description);
        if (title.isEmpty())
            title = card.card.description.trimmed().section(QLatin1Char('\n'), 0, 0).left(120).trimmed();
        if (title.isEmpty()) {
            result.skipped << ImportNote{ticket.line, {}, tr("no title and no description")};
            continue;
        }
        if (title.size() > BoardStore::s_maxTitleLength) {
            note(tr("the title is %1 characters long; cut at %2").arg(title.size()).arg(BoardStore::s_maxTitleLength));
            title = title.left(BoardStore::s_maxTitleLength);
        }
        card.card.title = title;
        if (card.card.description.size() > BoardStore::s_maxTextLength) {
            note(tr("the description is %1 characters long; cut at %2")
                         .arg(card.card.description.size())
                         .arg(BoardStore::s_maxTextLength));
            card.card.description.truncate(BoardStore::s_maxTextLength);
        }

        const QString resolvedText = value(Field::Resolved);
        const auto resolvedAt = resolvedText.isEmpty() ? std::nullopt : dateOf(Field::Resolved, resolvedText);
        if (!resolvedText.isEmpty() && !resolvedAt)
            note(tr("resolved “%1” is not a date HelpBoard reads; left empty").arg(resolvedText));
        StatusTarget target;
        if (const QString status = value(Field::Status); column(Field::Status) >= 0 && !status.isEmpty()) {
            if (const auto mapped = mapping.statusValues.find(status); mapped != mapping.statusValues.end())
                target = *mapped;
            else if (const auto guessed = guessStatus(status))
                target = *guessed;
            else
                ++unmapped[0][status];
        } else if (resolvedAt) {
            target.kind = ColumnKind::Done;
        }
        planned.column = columnFor(target);
        card.card.status = target.tag;
        const ColumnKind kind = result.columns.at(planned.column).kind;
        if (kind == ColumnKind::Done && resolvedAt)
            card.resolvedAt = *resolvedAt;
        else if (resolvedAt)
            ++resolvedButOpen;

        if (const QString priority = value(Field::Priority); !priority.isEmpty()) {
            if (const auto mapped = mapping.priorityValues.find(priority); mapped != mapping.priorityValues.end())
                card.card.priority = *mapped;
            else if (const auto guessed = importwords::priority(priority))
                card.card.priority = *guessed;
            else
                ++unmapped[1][priority];
        }
        if (const QString channel = value(Field::Channel); !channel.isEmpty()) {
            if (const auto mapped = mapping.channelValues.find(channel); mapped != mapping.channelValues.end())
                card.card.channel = *mapped;
            else if (const auto guessed = importwords::channel(channel))
                card.card.channel = *guessed;
            else
                ++unmapped[2][channel];
        }
        if (const QString assignee = value(Field::Assignee); !assignee.isEmpty()) {
            const QString login = importwords::loginFor(assignee);
            if (login.isEmpty()) {
                note(tr("assigned to “%1”: no login can be made of it; left unassigned").arg(assignee));
            } else {
                card.card.assignee = login;
                if (!people.contains(login)) {
                    people << login;
                    result.people << ImportPlan::Person{
                            login, assignee.contains(QLatin1Char('@')) ? QString() : assignee.left(200)};
                }
            }
        }
        card.card.requester = value(Field::Requester).left(BoardStore::s_maxTitleLength);
        static const QRegularExpression s_labelSplit(QStringLiteral("[,;|]"));
        for (const QString &part : value(Field::Labels).split(s_labelSplit, Qt::SkipEmptyParts)) {
            const QString name = part.trimmed();
            if (name.isEmpty() || csv::isNoValue(name))
                continue;
            if (name.size() > BoardStore::s_maxLabelNameLength) {
                note(tr("label “%1…” is longer than %2 characters; left out")
                             .arg(name.left(30))
                             .arg(BoardStore::s_maxLabelNameLength));
                continue;
            }
            if (!labelNames.contains(name.toCaseFolded())) {
                labelNames << name.toCaseFolded();
                result.labels << ImportPlan::Label{name, QStringLiteral("#8a94a6")};
            }
            planned.labels << name;
        }
        if (const QString due = value(Field::Due); !due.isEmpty()) {
            if (const auto at = dateOf(Field::Due, due))
                card.card.dueAt = *at;
            else
                note(tr("due “%1” is not a date HelpBoard reads; left empty").arg(due));
        }
        if (ticket.createdAt)
            card.createdAt = ticket.createdAt;
        else if (!ticket.created.isEmpty())
            note(tr("created “%1” is not a date HelpBoard reads; the import's time is used").arg(ticket.created));
        for (const QString &comment : ticket.comments) {
            // (by no one the file names, at no time it says: no answer to the requester)
            card.comments << ImportedCard::Comment{
                    {}, card.createdAt, comment.left(BoardStore::s_maxTextLength), false};
            ++result.comments;
        }
        if (!ticket.id.isEmpty()) {
            planned.sourceId = ticket.id.left(BoardStore::s_maxTitleLength);
        } else {
            // Known by what it says, and which of the rows that say the same it is.
            const QString digest = QString::fromLatin1(
                    QCryptographicHash::hash(
                            (title + u'\x1f' + ticket.created + u'\x1f' + card.card.requester).toUtf8(),
                            QCryptographicHash::Sha1)
                            .toHex());
            planned.sourceId = QStringLiteral("row:%1#%2").arg(digest).arg(++sameRows[digest]);
        }
        result.cards << planned;
    }

    const QString what[3] = {tr("status"), tr("priority"), tr("channel")};
    const QString meaning[3] = {tr("those tickets went to the first To-do column"), tr("those tickets are normal"),
                                tr("those tickets have no channel")};
    for (int i = 0; i < 3; ++i) {
        QStringList values = unmapped[i].keys();
        values.sort(Qt::CaseInsensitive);
        for (const QString &value : std::as_const(values)) {
            result.notes << ImportNote{
                    0,
                    {},
                    tr("%1 “%2” (%3) means nothing HelpBoard knows: %4; map it to say what it means")
                            .arg(what[i], value,
                                 importwords::counted(unmapped[i].value(value), tr("%1 ticket"), tr("%1 tickets")),
                                 meaning[i])};
        }
    }
    if (resolvedButOpen) {
        result.notes << ImportNote{0,
                                   {},
                                   tr("tickets with a resolved date but a status that is not closed: %1; they stay "
                                      "open, the date is not used")
                                           .arg(resolvedButOpen)};
    }
    return result;
}

} // namespace hb::storage::csvimport
