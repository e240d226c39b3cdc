<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows a sitemaps.org 0.9 sitemap (urlset) or sitemap index as an HTML table when the XML file is
  opened in a browser. Search engines read the XML and ignore this stylesheet. The page makes no
  external requests (no fonts, scripts or images), and only http(s) locations become links.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
    xmlns:xhtml="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="sm image xhtml">

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="heading">
    <xsl:choose>
      <xsl:when test="/sm:sitemapindex">{{ _("Sitemap index") }}</xsl:when>
      <xsl:otherwise>{{ _("Sitemap") }}</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html lang="{{ locale }}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$heading"/></title>
        <style>
          body { font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff;
                 margin: 0 auto; padding: 1rem; max-width: 72rem; }
          table { border-collapse: collapse; width: 100%; }
          caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }
          th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem;
                   border-bottom: 1px solid #c8c8c8; overflow-wrap: anywhere; }
          thead th { background: #f0f0f0; }
          tbody th { font-weight: normal; }
          a { color: #0645ad; }
          a:focus { outline: 2px solid #1a1a1a; outline-offset: 2px; }
          .number { text-align: right; white-space: nowrap; }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="$heading"/></h1>
          <xsl:choose>
            <xsl:when test="sm:urlset | sm:sitemapindex">
              <p>{{ _("Search engines read this file; it is shown here as a table for people.") }}</p>
              <xsl:apply-templates select="sm:urlset | sm:sitemapindex"/>
            </xsl:when>
            <xsl:otherwise>
              <p>{{ _("This file is not a sitemap.") }}</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="sm:urlset">
    <table>
      <caption>
        <xsl:value-of select="count(sm:url)"/>
        <xsl:text>{{ _(" pages") }}</xsl:text>
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ _("Page") }}</th>
          <th scope="col">{{ _("Last modified") }}</th>
          <th scope="col" class="number">{{ _("Images") }}</th>
          <th scope="col">{{ _("Language versions") }}</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="sm:url">
          <tr>
            <th scope="row">
              <xsl:call-template name="link">
                <xsl:with-param name="href" select="sm:loc"/>
                <xsl:with-param name="text" select="sm:loc"/>
              </xsl:call-template>
            </th>
            <td><xsl:value-of select="sm:lastmod"/></td>
            <td class="number"><xsl:value-of select="count(image:image)"/></td>
            <td>
              <xsl:for-each select="xhtml:link[@rel = 'alternate']">
                <xsl:if test="position() &gt; 1">
                  <xsl:text>, </xsl:text>
                </xsl:if>
                <xsl:call-template name="link">
                  <xsl:with-param name="href" select="@href"/>
                  <xsl:with-param name="text" select="@hreflang"/>
                </xsl:call-template>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="sm:sitemapindex">
    <table>
      <caption>
        <xsl:value-of select="count(sm:sitemap)"/>
        <xsl:text>{{ _(" sitemaps") }}</xsl:text>
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ _("Sitemap") }}</th>
          <th scope="col">{{ _("Last modified") }}</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="sm:sitemap">
          <tr>
            <th scope="row">
              <xsl:call-template name="link">
                <xsl:with-param name="href" select="sm:loc"/>
                <xsl:with-param name="text" select="sm:loc"/>
              </xsl:call-template>
            </th>
            <td><xsl:value-of select="sm:lastmod"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- A link only for http(s) URLs: a "javascript:" location in a sitemap must not become clickable. -->
  <xsl:template name="link">
    <xsl:param name="href"/>
    <xsl:param name="text"/>
    <xsl:variable name="url" select="normalize-space($href)"/>
    <xsl:choose>
      <xsl:when test="starts-with($url, 'https://') or starts-with($url, 'http://')">
        <a href="{$url}"><xsl:value-of select="$text"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
