// SPDX-License-Identifier: GPL-3.0-or-later
#include "cache.h"

#include <QHash>

#include <limits>

namespace hb::board::metrics {

using namespace hb::storage;

namespace {

/// The encoding's version, the first byte of every row: bump it with any change to the encoding, to TicketRow or
/// TicketCard, or to how they are worked out (ticketRow(), ticketCard(), addClocks(), board/sla's clocks).
constexpr quint8 s_cacheFormat = 2;

/// Little-endian integers and length-prefixed UTF-8 strings, appended.
class Writer
{
public:
    /// Zigzag, then 7 bits a byte, low first: 0 in one byte, a time in ms in six.
    void integer(qint64 value)
    {
        quint64 bits = (quint64(value) << 1) ^ quint64(value >> 63);
        while (bits >= 0x80) {
            m_data.append(char(bits | 0x80));
            bits >>= 7;
        }
        m_data.append(char(bits));
    }
    void small(int value) { m_data.append(char(quint8(value))); }
    void flag(bool value) { small(value ? 1 : 0); }
    void text(const QString &value)
    {
        const QByteArray utf8 = value.toUtf8();
        integer(utf8.size());
        m_data.append(utf8);
    }
    void ids(const QList<qint64> &values)
    {
        integer(values.size());
        for (qint64 value : values)
            integer(value);
    }
    void optionalInteger(const std::optional<qint64> &value)
    {
        flag(value.has_value());
        if (value)
            integer(*value);
    }
    void optionalFlag(const std::optional<bool> &value) { small(value ? (*value ? 2 : 1) : 0); }
    QByteArray take() { return std::move(m_data); }

private:
    QByteArray m_data;
};

/// Reads what Writer wrote; a read past the end, a length longer than what is left or a value out of range fails
/// it, and every later read gives 0.
class Reader
{
public:
    Reader(const QByteArray &data, QHash<QByteArray, QString> &names)
        : m_at(data.constData())
        , m_end(data.constData() + data.size())
        , m_names(names)
    { }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_at == m_end; }
    qint64 integer()
    {
        quint64 bits = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!has(1))
                return 0;
            const quint8 byte = quint8(*m_at++);
            bits |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return qint64(bits >> 1) ^ -qint64(bits & 1);
        }
        m_ok = false; // (more than ten bytes)
        return 0;
    }
    int small(int last)
    {
        if (!has(1))
            return 0;
        const int value = quint8(*m_at++);
        if (value > last)
            m_ok = false;
        return m_ok ? value : 0;
    }
    bool flag() { return small(1) == 1; }
    QString text() { return QString::fromUtf8(bytes()); }
    /// A text that recurs (a login, a target's name): the same QString each time, not a copy per ticket.
    QString name()
    {
        const QByteArray bytes = this->bytes();
        if (const auto found = m_names.constFind(bytes); found != m_names.cend())
            return *found;
        const QString value = QString::fromUtf8(bytes);
        if (m_names.size() < s_namesKept)
            m_names.insert(QByteArray(bytes.constData(), bytes.size()), value);
        return value;
    }
    QList<qint64> ids()
    {
        const qint64 count = integer();
        if (!fits(count, 1, s_mostItems)) // (at least a byte each)
            return {};
        QList<qint64> values;
        values.reserve(count);
        for (qint64 i = 0; i < count; ++i)
            values << integer();
        return values;
    }
    std::optional<qint64> optionalInteger()
    {
        if (!flag())
            return std::nullopt;
        return integer();
    }
    std::optional<bool> optionalFlag()
    {
        const int value = small(2);
        return value == 0 ? std::nullopt : std::optional(value == 2);
    }
    template<typename Enum>
    Enum enumerated(Enum last)
    {
        return Enum(small(int(last)));
    }

    /// Whether @p count items of at least @p bytes each can be what is left, and are at most @p most; if not (a
    /// negative count too), the read fails.
    bool fits(qint64 count, qint64 bytes, qint64 most = std::numeric_limits<qint64>::max())
    {
        if (count < 0 || count > most || count > (m_end - m_at) / bytes)
            m_ok = false;
        return m_ok;
    }
    /// More labels, spans or escalations than any ticket has: damage.
    static constexpr qint64 s_mostItems = 4096;

private:
    /// A length, then that many bytes (not copied: valid while the row is).
    QByteArray bytes()
    {
        const qint64 size = integer();
        if (!fits(size, 1))
            return {};
        const QByteArray bytes = QByteArray::fromRawData(m_at, size);
        m_at += size;
        return bytes;
    }
    bool has(qint64 bytes)
    {
        if (m_ok && bytes <= m_end - m_at)
            return true;
        m_ok = false;
        return false;
    }

    /// Beyond this many different names (a board of odd data), the others are read as they come.
    static constexpr qsizetype s_namesKept = 10000;

    const char *m_at;
    const char *m_end;
    QHash<QByteArray, QString> &m_names;
    bool m_ok = true;
};

void writeCard(Writer &out, const TicketCard &card)
{
    for (qint64 value :
         {card.id, card.columnId, card.dueAt, card.resolvedAt, card.archivedAt, card.escalation.targetId})
        out.integer(value);
    out.text(card.title);
    out.text(card.assignee);
    out.text(card.requester);
    out.small(int(card.priority));
    out.small(int(card.status));
    out.small(int(card.channel));
    out.ids(card.labelIds);
}

void readCard(Reader &in, TicketCard &card)
{
    for (qint64 *value :
         {&card.id, &card.columnId, &card.dueAt, &card.resolvedAt, &card.archivedAt, &card.escalation.targetId})
        *value = in.integer();
    card.title = in.text();
    card.assignee = in.name();
    card.requester = in.name();
    card.priority = in.enumerated(Priority::Low);
    card.status = in.enumerated(StatusTag::WaitingVendor);
    card.channel = in.enumerated(Channel::Monitoring);
    card.labelIds = in.ids();
}

void writeRow(Writer &out, const TicketRow &row, const TicketCard &card)
{
    for (qint64 value : {row.cardId, row.archivedAt, row.dueAt, row.createdAt, row.firstResponseAt, row.firstResolvedAt,
                         row.finalResolvedAt, row.handleMs})
        out.integer(value);
    for (const QString *value : {&row.assignee, &row.firstResponseBy, &row.resolvedBy, &row.assigneeAtResolution})
        out.text(*value);
    out.small(int(row.channel));
    out.small(int(row.priority));
    out.flag(row.labelIds == card.labelIds); // (nearly always: one list, shared, for both)
    if (row.labelIds != card.labelIds)
        out.ids(row.labelIds);
    out.flag(row.firstContactTicked);
    out.integer(row.resolvedSpans.size());
    for (const auto &[arrived, left] : row.resolvedSpans) {
        out.integer(arrived);
        out.integer(left);
    }
    out.integer(row.reopenCount);
    out.integer(row.reassignments);
    out.ids(row.escalatedTo);
    out.flag(row.clockSkew);
    out.optionalInteger(row.businessResponseMs);
    out.optionalInteger(row.businessResolutionMs);
    out.optionalFlag(row.responseMet);
    out.optionalFlag(row.resolutionMet);
    out.flag(row.breachedNow);
}

void readRow(Reader &in, TicketRow &row, const TicketCard &card)
{
    for (qint64 *value : {&row.cardId, &row.archivedAt, &row.dueAt, &row.createdAt, &row.firstResponseAt,
                          &row.firstResolvedAt, &row.finalResolvedAt, &row.handleMs})
        *value = in.integer();
    for (QString *value : {&row.assignee, &row.firstResponseBy, &row.resolvedBy, &row.assigneeAtResolution})
        *value = in.name();
    row.channel = in.enumerated(Channel::Monitoring);
    row.priority = in.enumerated(Priority::Low);
    row.labelIds = in.flag() ? card.labelIds : in.ids();
    row.firstContactTicked = in.flag();
    const qint64 spans = in.integer();
    if (!in.fits(spans, 2, Reader::s_mostItems))
        return;
    for (qint64 i = 0; i < spans && in.ok(); ++i) {
        const qint64 arrived = in.integer();
        row.resolvedSpans << std::pair{arrived, in.integer()};
    }
    row.reopenCount = int(in.integer());
    row.reassignments = int(in.integer());
    row.escalatedTo = in.ids();
    row.clockSkew = in.flag();
    row.businessResponseMs = in.optionalInteger();
    row.businessResolutionMs = in.optionalInteger();
    row.responseMet = in.optionalFlag();
    row.resolutionMet = in.optionalFlag();
    row.breachedNow = in.flag();
}

} // namespace

QByteArray encodeCached(const CachedTicket &ticket)
{
    Writer out;
    out.small(s_cacheFormat);
    writeCard(out, ticket.card);
    writeRow(out, ticket.row, ticket.card);
    out.text(ticket.slaState);
    return out.take();
}

bool isCacheable(const TicketRow &row, const QString &slaState)
{
    // In a Done-kind column by its history as well as by its card (so no stay in Doing counts up to now), and both
    // clocks stopped: met or missed, not running (a resolved ticket never answered keeps its response clock running).
    return row.isResolved() && !row.resolvedSpans.isEmpty() && row.resolvedSpans.constLast().second == 0
           && (slaState == u"met" || slaState == u"missed");
}

bool isNewerFormat(const QByteArray &data)
{
    return !data.isEmpty() && quint8(data.at(0)) > s_cacheFormat;
}

bool CacheDecoder::decode(const QByteArray &data, qint64 cardId, TicketCard &card, TicketRow &row, QString &slaState)
{
    Reader in(data, m_names);
    if (in.small(255) != s_cacheFormat)
        return false;
    readCard(in, card);
    readRow(in, row, card);
    slaState = in.name();
    return in.ok() && in.atEnd() && card.id == cardId && row.cardId == cardId && isCacheable(row, slaState);
}

std::optional<CachedTicket> decodeCached(const QByteArray &data, qint64 cardId)
{
    CacheDecoder decoder;
    CachedTicket ticket;
    if (!decoder.decode(data, cardId, ticket.card, ticket.row, ticket.slaState))
        return std::nullopt;
    return ticket;
}

} // namespace hb::board::metrics
