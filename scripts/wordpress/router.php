<?php
/*
 * Router for `php -S 127.0.0.1:PORT router.php` (docroot /usr/share/wordpress): WordPress's own PHP
 * entry points, its static files, the run's wp-content folder under /wp-content/, and everything else
 * through index.php (pretty permalinks). Sets WORDPRESS_CONFIG so Debian's wp-config.php loads
 * /etc/wordpress/config-bientap-test.php whatever the Host header says.
 */
$_SERVER['WORDPRESS_CONFIG'] = 'bientap-test';

$bientap_root = rtrim(getenv('BIENTAP_WP_ROOT') ?: '/usr/share/wordpress', '/');
$bientap_path = rawurldecode(parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/');

if (strpos($bientap_path, '..') !== false || strpos($bientap_path, "\0") !== false) {
    http_response_code(400);
    return true;
}

const BIENTAP_TYPES = [
    'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'png' => 'image/png', 'webp' => 'image/webp',
    'gif' => 'image/gif', 'svg' => 'image/svg+xml', 'css' => 'text/css', 'js' => 'text/javascript',
    'woff' => 'font/woff', 'woff2' => 'font/woff2', 'json' => 'application/json', 'txt' => 'text/plain',
];

function bientap_send_file($file)
{
    $extension = strtolower(pathinfo($file, PATHINFO_EXTENSION));
    header('Content-Type: ' . (BIENTAP_TYPES[$extension] ?? (mime_content_type($file) ?: 'application/octet-stream')));
    header('Content-Length: ' . filesize($file));
    readfile($file);
}

// wp-content: the run's folder first (uploads, the test theme), then Debian's shared one (plugins).
if (strpos($bientap_path, '/wp-content/') === 0) {
    $bientap_rest = substr($bientap_path, strlen('/wp-content'));
    foreach ([getenv('BIENTAP_WP_CONTENT_DIR'), '/var/lib/wordpress/wp-content'] as $bientap_dir) {
        $bientap_file = $bientap_dir . $bientap_rest;
        if ($bientap_dir && is_file($bientap_file) && !preg_match('/\.php$/i', $bientap_file)) {
            bientap_send_file($bientap_file);
            return true;
        }
    }
    http_response_code(404);
    return true;
}

$bientap_file = $bientap_root . $bientap_path;
if (is_dir($bientap_file)) {
    $bientap_file = rtrim($bientap_file, '/') . '/index.php';
}
if (is_file($bientap_file) && !preg_match('/\.php$/i', $bientap_file)) {
    return false; // a static file of WordPress itself: php -S serves it from the docroot
}
if (!is_file($bientap_file)) {
    $bientap_file = $bientap_root . '/index.php';
}
$_SERVER['SCRIPT_FILENAME'] = $bientap_file;
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = substr($bientap_file, strlen($bientap_root));
chdir(dirname($bientap_file));
unset($bientap_path, $bientap_rest, $bientap_dir);
require $bientap_file;
return true;
