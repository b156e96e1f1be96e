// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importplan.h"

#include <storage/result.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace hb::storage {

/// A record of a CSV file: its fields, and the line it starts on (a quoted field may hold line breaks).
struct CsvRow
{
    int line = 0;
    QStringList fields;
};

/// A CSV file as read: how it was written, its header and its records, and what did not fit.
struct CsvTable
{
    QString encoding;        ///< "UTF-8", "UTF-16LE", "Windows-1252", ...
    QChar delimiter;         ///< ',', ';', '\t' or '|'
    QStringList header;      ///< unique, non-empty names (a repeated name gets " (2)", an empty one "Column 4")
    QList<CsvRow> rows;      ///< every row as wide as the header; blank lines left out
    QList<ImportNote> notes; ///< rows that had too many or too few fields, by line
};

/**
 * Reading CSV files as other help desks and spreadsheets write them: comma, semicolon, tab or bar between fields
 * (found from the first lines), UTF-8 with or without a BOM, UTF-16 with or without a BOM, or Windows-1252; fields in
 * double quotes may hold delimiters, doubled quotes and line breaks; CRLF, LF or CR line ends.
 */
namespace csv {

/// A file bigger than this is refused before it is read, with the reason.
constexpr qint64 s_maxFileBytes = 64LL * 1024 * 1024;
/// A record with more fields than this is refused (no help desk writes it; a binary file may look like it).
constexpr int s_maxFields = 1000;
/// Rows times the header's fields: a file with more is refused (memory stays bounded whatever the file's shape).
constexpr qint64 s_maxCells = 4'000'000;
/// Rows said one by one in the notes (too long, too short); beyond, a count.
constexpr int s_maxRowNotes = 200;

struct ReadOptions
{
    QChar delimiter;  ///< null: found from the file
    QString encoding; ///< empty: found from the file; else "utf-8", "utf-16le", "utf-16be", "windows-1252"
};

/// The text of @p bytes and the encoding it was found in (or @p encoding when given); Invalid for binary files.
Result<QString> decode(const QByteArray &bytes, const QString &encoding = {}, QString *found = nullptr);
/// The table in @p bytes; Invalid with the reason when it is none (empty, binary, an unclosed quote).
Result<CsvTable> read(const QByteArray &bytes, const ReadOptions &options = {});
/// read() of the file at @p path, refused beyond s_maxFileBytes.
Result<CsvTable> readFile(const QString &path, const ReadOptions &options = {});
/// True for what help desks write when a field has no value: "", "?", "-", "N/A", "n/a", "NA", "null", "(none)".
bool isNoValue(QStringView text);
/// The fields of @p record joined as CSV with @p delimiter: quoted where needed, quotes doubled.
QString joinRecord(const QStringList &record, QChar delimiter = QLatin1Char(','));

} // namespace csv
} // namespace hb::storage
