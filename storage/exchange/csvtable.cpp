// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvtable.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <array>

namespace hb::storage::csv {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::csv", text);
}

/// Windows-1252's characters for the bytes 0x80 to 0x9f (Latin-1 has control codes there); 0 for unassigned ones.
constexpr std::array<char16_t, 32> s_cp1252High = {0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
                                                   0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
                                                   0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
                                                   0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

QString fromWindows1252(QByteArrayView bytes)
{
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (char byte : bytes) {
        const auto value = static_cast<unsigned char>(byte);
        const char16_t high = value >= 0x80 && value < 0xa0 ? s_cp1252High[value - 0x80] : 0;
        *out++ = QChar(high ? high : char16_t(value));
    }
    return text;
}

std::optional<QString> decodeStrictly(QByteArrayView bytes, QStringConverter::Encoding encoding)
{
    QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

/// UTF-16 without a BOM shows as a zero byte beside most ASCII characters: which side they are on.
std::optional<QStringConverter::Encoding> unmarkedUtf16(QByteArrayView bytes)
{
    const qsizetype sample = std::min<qsizetype>(bytes.size() & ~qsizetype(1), 4096);
    if (sample < 4)
        return std::nullopt;
    qsizetype evenZeros = 0, oddZeros = 0;
    for (qsizetype i = 0; i < sample; i += 2) {
        evenZeros += bytes[i] == 0;
        oddZeros += bytes[i + 1] == 0;
    }
    const qsizetype pairs = sample / 2;
    if (oddZeros * 10 >= pairs * 4 && evenZeros * 10 < pairs)
        return QStringConverter::Utf16LE;
    if (evenZeros * 10 >= pairs * 4 && oddZeros * 10 < pairs)
        return QStringConverter::Utf16BE;
    return std::nullopt;
}

/// True when @p text holds what no text file holds: NUL, or many control characters.
bool looksBinary(QStringView text)
{
    const qsizetype sample = std::min<qsizetype>(text.size(), 65536);
    qsizetype controls = 0;
    for (qsizetype i = 0; i < sample; ++i) {
        const char16_t c = text[i].unicode();
        if (c == 0)
            return true;
        if (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r' && c != u'\f')
            ++controls;
    }
    return controls * 100 > sample;
}

/**
 * Reads CSV records from text, a record at a time: fields split by the delimiter, double quotes around a field
 * (a quote doubled inside), line breaks inside quotes kept. Lenient where files are sloppy: text after a closing quote
 * is kept as part of the field, a quote in the middle of an unquoted field is a plain character.
 */
class Scanner
{
public:
    Scanner(QStringView text, QChar delimiter)
        : m_text(text)
        , m_delimiter(delimiter)
    { }

    bool atEnd() const { return m_pos >= m_text.size(); }
    QString error() const { return m_error; }

    /// The next record (its line is where it starts); false at the end or on an error (error() says).
    bool next(CsvRow &row)
    {
        row.fields.clear();
        if (atEnd())
            return false;
        row.line = m_line;
        QString field;
        bool quoted = false;    // inside a quoted field
        bool wasQuoted = false; // the field began with a quote
        int quoteLine = 0;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos++];
            if (quoted) {
                if (c == u'"') {
                    if (m_pos < m_text.size() && m_text[m_pos] == u'"') {
                        field += u'"';
                        ++m_pos;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == u'\n' || (c == u'\r' && (m_pos >= m_text.size() || m_text[m_pos] != u'\n')))
                        ++m_line;
                    field += c;
                }
                continue;
            }
            if (c == m_delimiter) {
                if (!addField(row, field))
                    return false;
                field.clear();
                wasQuoted = false;
                continue;
            }
            if (c == u'\r' || c == u'\n') {
                if (c == u'\r' && m_pos < m_text.size() && m_text[m_pos] == u'\n')
                    ++m_pos;
                ++m_line;
                return addField(row, field);
            }
            if (c == u'"' && !wasQuoted && field.trimmed().isEmpty()) {
                field.clear(); // spaces before an opening quote are not part of the field
                quoted = wasQuoted = true;
                quoteLine = m_line;
                continue;
            }
            field += c;
        }
        if (quoted) {
            m_error = tr("line %1: a field in quotes starts there and is never closed (the file may be cut short)")
                              .arg(quoteLine);
            return false;
        }
        return addField(row, field);
    }

private:
    bool addField(CsvRow &row, const QString &field)
    {
        if (row.fields.size() >= s_maxFields) {
            m_error = tr("line %1: more than %2 fields in one row; is this a CSV file?").arg(row.line).arg(s_maxFields);
            return false;
        }
        row.fields << field;
        return true;
    }

    QStringView m_text;
    QChar m_delimiter;
    qsizetype m_pos = 0;
    int m_line = 1;
    QString m_error;
};

bool isBlank(const CsvRow &row)
{
    return std::all_of(row.fields.cbegin(), row.fields.cend(),
                       [](const QString &field) { return field.trimmed().isEmpty(); });
}

/// The delimiter that splits the first lines of @p text most evenly into more than one field.
QChar detectDelimiter(QStringView text)
{
    const QStringView sample = text.left(65536);
    QChar best = QLatin1Char(',');
    qsizetype bestScore = -1;
    for (const QChar candidate : {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')}) {
        Scanner scanner(sample, candidate);
        CsvRow row;
        qsizetype width = -1, agreeing = 0, records = 0;
        while (records < 50 && scanner.next(row)) {
            if (isBlank(row))
                continue;
            if (width < 0)
                width = row.fields.size();
            else if (row.fields.size() == width)
                ++agreeing;
            ++records;
        }
        if (width < 2)
            continue;
        // Rows that agree with the header count most; a wider header breaks a tie.
        const qsizetype score = agreeing * 1000 + std::min<qsizetype>(width, 999);
        if (score > bestScore) {
            bestScore = score;
            best = candidate;
        }
    }
    return best;
}

QString encodingName(QStringConverter::Encoding encoding)
{
    switch (encoding) {
    case QStringConverter::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case QStringConverter::Utf16BE:
        return QStringLiteral("UTF-16BE");
    default:
        return QStringLiteral("UTF-8");
    }
}

} // namespace

bool isNoValue(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return true;
    for (const char *none : {"?", "-", "--", "—", "n/a", "na", "null", "(none)", "none"}) {
        if (trimmed.compare(QString::fromUtf8(none), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString joinRecord(const QStringList &record, QChar delimiter)
{
    QString line;
    for (qsizetype i = 0; i < record.size(); ++i) {
        if (i)
            line += delimiter;
        QString field = record.at(i);
        if (field.contains(delimiter) || field.contains(u'"') || field.contains(u'\n') || field.contains(u'\r')
            || field.startsWith(u' ') || field.endsWith(u' ')) {
            field.replace(QStringLiteral("\""), QStringLiteral("\"\""));
            field = u'"' + field + u'"';
        }
        line += field;
    }
    return line;
}

Result<QString> decode(const QByteArray &bytes, const QString &encoding, QString *found)
{
    const auto say = [found](const QString &name) {
        if (found)
            *found = name;
    };
    const QString asked = encoding.trimmed().toLower();
    const auto refuse = [](const QString &name) {
        return Error{ErrorKind::Invalid, tr("the file is not %1 text").arg(name)};
    };
    if (asked == u"windows-1252" || asked == u"cp1252" || asked == u"latin1" || asked == u"iso-8859-1") {
        say(QStringLiteral("Windows-1252"));
        return fromWindows1252(bytes);
    }
    if (!asked.isEmpty() && asked != u"utf-8" && asked != u"utf8" && asked != u"utf-16le" && asked != u"utf-16be"
        && asked != u"utf-16") {
        return Error{ErrorKind::Invalid, tr("“%1” is not an encoding HelpBoard reads (utf-8, utf-16le, utf-16be, "
                                            "windows-1252)")
                                                 .arg(encoding)};
    }
    QByteArrayView view(bytes);
    std::optional<QStringConverter::Encoding> chosen;
    if (view.startsWith("\xef\xbb\xbf")) {
        chosen = QStringConverter::Utf8;
        view = view.sliced(3);
    } else if (view.startsWith("\xff\xfe")) {
        chosen = QStringConverter::Utf16LE;
        view = view.sliced(2);
    } else if (view.startsWith("\xfe\xff")) {
        chosen = QStringConverter::Utf16BE;
        view = view.sliced(2);
    }
    if (asked == u"utf-8" || asked == u"utf8")
        chosen = QStringConverter::Utf8;
    else if (asked == u"utf-16le" || (asked == u"utf-16" && !chosen))
        chosen = QStringConverter::Utf16LE;
    else if (asked == u"utf-16be")
        chosen = QStringConverter::Utf16BE;
    if (!chosen)
        chosen = unmarkedUtf16(view);
    if (chosen) {
        auto text = decodeStrictly(view, *chosen);
        if (!text)
            return refuse(encodingName(*chosen));
        say(encodingName(*chosen));
        return *text;
    }
    if (auto text = decodeStrictly(view, QStringConverter::Utf8)) {
        say(QStringLiteral("UTF-8"));
        return *text;
    }
    // Not UTF-8: what Excel on Windows saves as "CSV" in western Europe and the Americas.
    say(QStringLiteral("Windows-1252"));
    return fromWindows1252(view);
}

Result<CsvTable> read(const QByteArray &bytes, const ReadOptions &options)
{
    if (bytes.trimmed().isEmpty())
        return Error{ErrorKind::Invalid, tr("the file is empty")};
    CsvTable table;
    auto text = decode(bytes, options.encoding, &table.encoding);
    if (!text)
        return text.error();
    if (looksBinary(*text))
        return Error{ErrorKind::Invalid, tr("the file holds binary data, not CSV text")};
    table.delimiter = options.delimiter.isNull() ? detectDelimiter(*text) : options.delimiter;
    Scanner scanner(*text, table.delimiter);
    CsvRow row;
    bool headerRead = false;
    qint64 cells = 0;
    while (scanner.next(row)) {
        if (isBlank(row))
            continue;
        if (!headerRead) {
            table.header = row.fields;
            headerRead = true;
            continue;
        }
        // Each row counts as wide as the header or its own fields, whichever is more: what it will hold.
        cells += std::max(row.fields.size(), table.header.size()) + 4; // (and a row costs a few of its own)
        if (cells > s_maxCells) {
            return Error{ErrorKind::Invalid,
                         tr("more than %1 rows of %2 columns by line %3: more than HelpBoard imports at once; split "
                            "the file")
                                 .arg(table.rows.size())
                                 .arg(table.header.size())
                                 .arg(row.line)};
        }
        table.rows << row;
    }
    if (!scanner.error().isEmpty())
        return Error{ErrorKind::Invalid, scanner.error()};
    if (!headerRead)
        return Error{ErrorKind::Invalid, tr("the file holds no rows")};

    // Trailing columns with no name and no value (a spreadsheet's stray cells) are no columns.
    qsizetype width = table.header.size();
    while (width > 1 && table.header.at(width - 1).trimmed().isEmpty()) {
        const bool used = std::any_of(table.rows.cbegin(), table.rows.cend(), [width](const CsvRow &record) {
            return record.fields.size() >= width && !record.fields.at(width - 1).trimmed().isEmpty();
        });
        if (used)
            break;
        --width;
    }
    table.header.resize(width);
    QStringList unique;
    for (qsizetype i = 0; i < table.header.size(); ++i) {
        QString name = table.header.at(i).trimmed();
        if (name.isEmpty())
            name = tr("Column %1").arg(i + 1);
        const QString base = name;
        for (int n = 2; unique.contains(name, Qt::CaseInsensitive); ++n)
            name = QStringLiteral("%1 (%2)").arg(base).arg(n);
        unique << name;
    }
    table.header = unique;

    int ragged = 0;
    const auto note = [&](int line, const QString &what) {
        if (++ragged <= s_maxRowNotes)
            table.notes << ImportNote{line, {}, what};
    };
    for (CsvRow &record : table.rows) {
        const qsizetype fields = record.fields.size();
        if (fields > width) {
            const bool extraEmpty = std::all_of(record.fields.cbegin() + width, record.fields.cend(),
                                                [](const QString &field) { return field.trimmed().isEmpty(); });
            if (!extraEmpty) {
                note(record.line, tr("%1 fields where the header names %2; the last %3 left out")
                                          .arg(fields)
                                          .arg(width)
                                          .arg(fields - width));
            }
            record.fields.resize(width);
        } else if (fields < width) {
            note(record.line,
                 tr("%1 fields where the header names %2; the missing ones left empty").arg(fields).arg(width));
            record.fields.resize(width);
        }
    }
    if (ragged > s_maxRowNotes)
        table.notes << ImportNote{
                0, {}, tr("more rows with too many or too few fields: %1").arg(ragged - s_maxRowNotes)};
    return table;
}

Result<CsvTable> readFile(const QString &path, const ReadOptions &options)
{
    QFile file(path);
    const QFileInfo info(path);
    if (!info.exists())
        return Error{ErrorKind::NotFound, tr("there is no file at %1").arg(path)};
    if (info.isDir())
        return Error{ErrorKind::Invalid, tr("%1 is a folder, not a CSV file").arg(path)};
    if (info.size() > s_maxFileBytes) {
        return Error{ErrorKind::Invalid,
                     tr("%1 is %2 MB; HelpBoard imports CSV files up to %3 MB: split it (by year, say) and import "
                        "the parts")
                             .arg(info.fileName())
                             .arg(info.size() / (1024 * 1024))
                             .arg(s_maxFileBytes / (1024 * 1024))};
    }
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorKind::Io, tr("cannot read %1: %2").arg(path, file.errorString())};
    return read(file.readAll(), options);
}

} // namespace hb::storage::csv
