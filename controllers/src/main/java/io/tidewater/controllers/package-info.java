/** Federation controllers: level-triggered reconcilers fed by work queues. */
package io.tidewater.controllers;
