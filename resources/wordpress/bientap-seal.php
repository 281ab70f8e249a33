<?php
/**
 * Plugin Name: Biên Tập — dấu ký duyệt
 * Description: Lets Biên Tập keep each article's seal (the signed approval readers can check) in the post's meta field "bientap_seal" through the REST API, and lets the office's verification page read public posts. The seal also travels in the post content as an HTML comment, so a site without this plugin still carries it.
 * Version: 1.0
 * License: MIT
 *
 * Install: copy this file into wp-content/mu-plugins/ (or wp-content/plugins/ and activate it).
 */

if (!defined('ABSPATH')) {
    exit;
}

add_action('init', function () {
    register_post_meta('post', 'bientap_seal', [
        'type' => 'string',
        'single' => true,
        'show_in_rest' => true,
        'sanitize_callback' => function ($value) {
            $value = (string) $value;
            return preg_match('/^<!-- bientap:seal=[A-Za-z0-9_-]+ -->$/', $value) ? $value : '';
        },
        'auth_callback' => function () {
            return current_user_can('edit_posts');
        },
    ]);
});

// A reader checks a post from the office's verification page, which lives on another site (the
// office's static site): let that page read public posts. Nothing private is ever served this way.
add_action('template_redirect', function () {
    if (is_singular('post') && !is_user_logged_in() && get_post_status() === 'publish') {
        header('Access-Control-Allow-Origin: *');
    }
});
