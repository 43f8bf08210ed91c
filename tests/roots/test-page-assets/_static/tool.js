document.title = 'tool';
