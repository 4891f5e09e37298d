<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that qtbase_kk.qm leaves in English (the file dialog). Hand-kept: not
     produced by scripts/update-translations.sh; compiled by `make translations`; loaded after
     qtbase_kk by widgets/i18n.py. -->
<TS version="2.1" language="kk" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message><source>Look in:</source><translation>Қарау орны:</translation></message>
    <message><source>Files of type:</source><translation>Файл түрлері:</translation></message>
    <message><source>File</source><translation>Файл</translation></message>
    <message><source>Folder</source><translation>Бума</translation></message>
    <message><source>My Computer</source><translation>Менің компьютерім</translation></message>
    <message><source>Drive</source><translation>Диск</translation></message>
    <message><source>Unknown</source><translation>Белгісіз</translation></message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message><source>Don&apos;t Save</source><translation>Сақтамау</translation></message>
    <message><source>Close without Saving</source><translation>Сақтамай жабу</translation></message>
</context>
</TS>
